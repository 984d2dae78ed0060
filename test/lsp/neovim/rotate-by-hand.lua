-- Drives "Rotate now" for a secret with a `manual` provider from `nvim --headless`: the shipped
-- handler (editors/neovim/rotation-guard.lua) is set up, the policy file is opened, its code lens
-- is run with vim.lsp.codelens.run() as a person would, and the hidden prompt (inputsecret) is
-- answered with RG_NEW_VALUE. Progress goes to RG_LOG (never the value).
local H = dofile(os.getenv('RG_HARNESS'))
local log, fail = H.log, H.fail
local policy, handler = os.getenv('RG_POLICY'), os.getenv('RG_HANDLER')

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
local client_id = H.start_server(bufnr)
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
H.stop_and_quit(client_id)
