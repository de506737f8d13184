-- SPDX-License-Identifier: Apache-2.0
-- Headless Neovim (0.7+) as an LSP client of dist/server.js: opens the manifest and lockfile of
-- a workspace, waits until the server has published diagnostics for each, writes them as JSON
-- and quits; exits non-zero (cquit) when the wait times out or the server exits.
-- Environment:
--   SSCS_SERVER      path of dist/server.js
--   SSCS_WORKSPACE   folder holding package.json and package-lock.json
--   SSCS_ORG_POLICY  organization policy file (optional)
--   SSCS_OUT         where to write {"files": {"package.json": [...], ...}}
--   SSCS_TIMEOUT_MS  how long to wait for diagnostics (default 20000)

local server = assert(os.getenv('SSCS_SERVER'), 'SSCS_SERVER is not set')
local workspace = assert(os.getenv('SSCS_WORKSPACE'), 'SSCS_WORKSPACE is not set')
local out = assert(os.getenv('SSCS_OUT'), 'SSCS_OUT is not set')
local org_policy = os.getenv('SSCS_ORG_POLICY')
local timeout_ms = tonumber(os.getenv('SSCS_TIMEOUT_MS') or '20000')
local files = { 'package.json', 'package-lock.json' }

local received = {}
local exit_code = nil

local function write_result(status, message)
  local result = { status = status, message = message, files = {} }
  for _, name in ipairs(files) do
    local uri = vim.uri_from_fname(workspace .. '/' .. name)
    local list = {}
    for _, d in ipairs(received[uri] or {}) do
      table.insert(list, {
        code = d.code,
        severity = d.severity,
        source = d.source,
        message = d.message,
        line = d.range.start.line,
        character = d.range.start.character,
        endLine = d.range['end'].line,
        endCharacter = d.range['end'].character,
      })
    end
    result.files[name] = list
  end
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.json.encode(result))
  handle:close()
end

local function main()
  local client_id = vim.lsp.start_client({
    name = 'sscs',
    cmd = { 'node', server, '--stdio' },
    cmd_env = { SSCS_ORG_POLICY = org_policy },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
    settings = { sscs = { policy = { organization = org_policy } } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(_, result)
        received[result.uri] = result.diagnostics
      end,
    },
    on_exit = function(code)
      exit_code = code
    end,
  })
  if not client_id then
    error('vim.lsp.start_client returned nil')
  end

  for _, name in ipairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. name))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.bo[bufnr].filetype = 'json'
    vim.lsp.buf_attach_client(bufnr, client_id)
  end

  local function all_published()
    for _, name in ipairs(files) do
      local diagnostics = received[vim.uri_from_fname(workspace .. '/' .. name)]
      if diagnostics == nil or #diagnostics == 0 then
        return false
      end
    end
    return true
  end

  local done = vim.wait(timeout_ms, function()
    return all_published() or exit_code ~= nil
  end, 20)

  if exit_code ~= nil then
    write_result('server-exited', 'the server exited with code ' .. tostring(exit_code))
    return false
  end
  if not done then
    local seen = {}
    for _, name in ipairs(files) do
      local diagnostics = received[vim.uri_from_fname(workspace .. '/' .. name)]
      table.insert(seen, name .. ': ' .. (diagnostics and #diagnostics or 'nothing published'))
    end
    local message = 'no diagnostics for every file within ' .. timeout_ms .. ' ms ('
      .. table.concat(seen, ', ') .. ')'
    write_result('timeout', message)
    return false
  end
  write_result('ok', '')
  vim.lsp.stop_client(client_id)
  return true
end

local ok, passed = pcall(main)
if not ok then
  io.stderr:write('diagnostics.lua: ' .. tostring(passed) .. '\n')
  pcall(write_result, 'error', tostring(passed))
  vim.cmd('cquit')
elseif not passed then
  vim.cmd('cquit')
else
  vim.cmd('qall!')
end
