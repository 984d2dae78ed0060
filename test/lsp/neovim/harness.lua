-- Shared by the headless Neovim scripts: progress lines to RG_LOG (never a value), a failure that
-- ends Neovim, and the real language server started on RG_ROOT and attached to a buffer.
local H = {}
local log_path = os.getenv('RG_LOG')

function H.log(msg)
  local f = io.open(log_path, 'a')
  f:write(msg .. '\n')
  f:close()
end

function H.fail(msg)
  H.log('FAIL ' .. msg)
  vim.cmd('qa!')
end

--- Starts `node RG_SERVER --stdio` with RG_ROOT as its one workspace folder; returns the client id.
--- RG_SETTINGS, when set, is the README's settings table (Lua source) passed as the README does:
--- `settings` and `init_options = { settings = … }`.
function H.start_server(bufnr)
  local root = os.getenv('RG_ROOT')
  local config = {
    name = 'rotation-guard',
    cmd = { 'node', os.getenv('RG_SERVER'), '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
  }
  local settings_source = os.getenv('RG_SETTINGS')
  if settings_source then
    local settings = assert(loadstring('return ' .. settings_source))()
    config.settings = settings
    config.init_options = { settings = settings }
  end
  local client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
  return client_id
end

function H.stop_and_quit(client_id)
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  vim.cmd('qa!')
end

return H
