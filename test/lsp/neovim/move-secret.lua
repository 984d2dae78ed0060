-- Drives the real language server from `nvim --headless` (Neovim's own LSP client, which nobody
-- here wrote): open a file, wait for the diagnostic, run the "Move secret" code action through
-- vim.lsp.buf.code_action, answer the store question, and write the buffer once the server's
-- workspace/applyEdit has changed it. Inputs come from the environment; progress goes to RG_LOG.
local H = dofile(os.getenv('RG_HARNESS'))
local log, fail = H.log, H.fail
local file, choice = os.getenv('RG_FILE'), os.getenv('RG_CHOICE')

-- The store question (window/showMessageRequest): pick the action whose title starts with RG_CHOICE.
vim.lsp.handlers['window/showMessageRequest'] = function(_, params)
  log('asked: ' .. params.message)
  for _, a in ipairs(params.actions or {}) do
    if a.title:sub(1, #choice) == choice then return a end
  end
  return vim.NIL
end
-- The code-action picker: what a person would choose from the menu.
vim.ui.select = function(items, opts, on_choice)
  for _, item in ipairs(items) do
    local title = opts.format_item(item)
    if title:match('^Move secret to ') then
      log('picked: ' .. title)
      return on_choice(item)
    end
  end
  fail('no Move secret action among ' .. #items .. ' actions')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
local client_id = H.start_server(bufnr)

if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20) then fail('no diagnostics') end
local d = vim.diagnostic.get(bufnr)[1]
log('diagnostic: ' .. tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)))
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
vim.lsp.buf.code_action()

local changed = vim.wait(20000, function()
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') ~= before
end, 20)
if not changed then fail('the buffer was not edited') end
vim.cmd('write')
log('written')
H.stop_and_quit(client_id)
