export async function takeScreenshots() {
  throw new Error('not yet');
}
