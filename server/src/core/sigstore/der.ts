// SPDX-License-Identifier: Apache-2.0
// DER encoding of @sigstore/core ASN.1 trees, producing exactly what ASN1Obj.toDER produces
// (tag byte, minimal definite length, then the children's encodings or, without children,
// the primitive value) but into one buffer per tree. @sigstore/core encodes each node into
// growing 1 KiB buffers and re-encodes whole certificates for every comparison and signature
// check, which dominated chain building.
import { ASN1Obj } from '@sigstore/core';

/**
 * Gives every constructed node of `root` its encoding, computed once (a primitive node's own
 * encoding is cheap and rarely asked for, so it keeps @sigstore/core's). Only for trees never
 * modified afterwards: the trusted root's certificates and the leaf one verification parsed
 * from its bundle (@sigstore/verify edits only clones, see `copyTree`). Every call returns
 * the same bytes; @sigstore/core and @sigstore/verify only read or copy them.
 */
export function freezeEncoding(root: ASN1Obj): void {
  const contents = measure(root, new Map<ASN1Obj, number>());
  const der = Buffer.alloc(encodedSize(contents.get(root) ?? 0));
  write(root, der, 0, contents, (node, bytes) => {
    node.toDER = () => bytes;
  });
}

/**
 * A copy of a parsed tree, equal to what parsing its encoding again yields, which is how
 * @sigstore/core clones a certificate. Its parser accepts only DER (single-byte tags,
 * minimal definite lengths, children exactly filling their parent), so a parsed tree's
 * encoding is the bytes it came from and re-parsing gives the same nodes. A clone is edited
 * (the SCT check removes the SCT extension before encoding the TBSCertificate), so its nodes
 * keep no encoding: each call encodes the node's current subtree (primitive nodes keep
 * @sigstore/core's encoder).
 */
export function copyTree(node: ASN1Obj): ASN1Obj {
  const copy = new ASN1Obj(node.tag, node.value, node.subs.map(copyTree));
  if (copy.subs.length > 0) copy.toDER = () => encode(copy);
  return copy;
}

function encode(node: ASN1Obj): Buffer {
  const contents = measure(node, new Map<ASN1Obj, number>());
  const der = Buffer.alloc(encodedSize(contents.get(node) ?? 0));
  write(node, der, 0, contents);
  return der;
}

// Records the content length of every node of the subtree; returns `contents`.
function measure(node: ASN1Obj, contents: Map<ASN1Obj, number>): Map<ASN1Obj, number> {
  let content = node.value.length;
  if (node.subs.length > 0) {
    content = 0;
    for (const sub of node.subs) content += encodedSize(measure(sub, contents).get(sub) ?? 0);
  }
  contents.set(node, content);
  return contents;
}

// Writes the node at `offset`; returns the offset just past it.
function write(
  node: ASN1Obj,
  out: Buffer,
  offset: number,
  contents: Map<ASN1Obj, number>,
  onNode?: (node: ASN1Obj, bytes: Buffer) => void,
): number {
  const content = contents.get(node) ?? 0;
  let at = offset;
  out[at++] = node.tag.toDER();

  // X.690 section 10.1: definite form, as few length octets as possible.
  if (content < 0x80) {
    out[at++] = content;
  } else {
    const count = lengthOctets(content) - 1;
    out[at++] = 0x80 | count;
    for (let i = count - 1; i >= 0; i--) out[at++] = Math.floor(content / 2 ** (8 * i)) % 0x100;
  }

  if (node.subs.length === 0) return at + node.value.copy(out, at);
  for (const sub of node.subs) at = write(sub, out, at, contents, onNode);
  onNode?.(node, out.subarray(offset, at));
  return at;
}

function encodedSize(content: number): number {
  return 1 + lengthOctets(content) + content;
}

// Octets taken by the DER length field for `content` bytes of content.
function lengthOctets(content: number): number {
  if (content < 0x80) return 1;
  let octets = 1;
  for (let rest = content; rest > 0; rest = Math.floor(rest / 0x100)) octets += 1;
  return octets;
}
