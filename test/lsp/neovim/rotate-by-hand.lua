-- Drives "Rotate now" for a secret with a `manual` provider from `nvim --headless`: the shipped
-- handler (editors/neovim/rotation-guard.lua) is set up, the policy file is opened, its code lens
-- is run with vim.lsp.codelens.run() as a person would, and the hidden prompt (inputsecret) is
-- answered with RG_NEW_VALUE. Progress goes to RG_LOG (never the value).
local root, policy, server, handler, log_path = os.getenv('RG_ROOT'), os.getenv('RG_POLICY'), os.getenv('RG_SERVER'), os.getenv('RG_HANDLER'), os.getenv('RG_LOG')

local function log(msg)
  local f = io.open(log_path, 'a')
  f:write(msg .. '\n')
  f:close()
end
local function fail(msg)
  log('FAIL ' .. msg)
  vim.cmd('qa!')
end

dofile(handler).setup()
-- The person at the hidden prompt: they read the message (logged) and paste the new key.
vim.fn.inputsecret = function(prompt)
  log('asked: ' .. prompt:gsub('\n', ' | '))
  return os.getenv('RG_NEW_VALUE')
end
local notes = {}
vim.notify = function(msg, level)
  table.insert(notes, msg)
  log('notified(' .. tostring(level) .. '): ' .. msg)
end

vim.cmd('edit ' .. vim.fn.fnameescape(policy))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'rotation-guard',
  cmd = { 'node', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
})
vim.lsp.buf_attach_client(bufnr, client_id)
if not vim.wait(20000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized
end, 20) then fail('the server did not initialize') end

vim.lsp.codelens.refresh()
local lenses = {}
if not vim.wait(20000, function()
  lenses = vim.lsp.codelens.get(bufnr)
  return #lenses > 0 and lenses[1].command ~= nil
end, 50) then fail('no code lens on the policy') end
log('lens: ' .. lenses[1].command.title .. ' -> ' .. lenses[1].command.command)
vim.api.nvim_win_set_cursor(0, { lenses[1].range.start.line + 1, 0 })
vim.lsp.codelens.run()

if not vim.wait(30000, function() return #notes > 0 end, 50) then fail('no outcome was shown') end
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qa!')
