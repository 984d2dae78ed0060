-- Rotation Guard for Neovim (0.7 or later): "Rotate now" for secrets rotated by hand.
--
-- A secret with a `manual` provider needs its new value typed in, and LSP has no request for
-- typed input. So the server answers the first `rotationGuard.server.rotateNow` with
-- `{ status = 'needs-value', message, url }` and changes nothing; this handler then asks for the
-- value with inputsecret() (not echoed, not kept in any history) and sends the command again with
-- it. Every other rotation goes through unchanged. Neovim runs the handlers in vim.lsp.commands
-- for code lens and code action commands instead of sending them to the server, which is how the
-- "Rotate now" lens of a policy file reaches it.
--
--   require('rotation-guard').setup()   -- with this file on 'runtimepath' as lua/rotation-guard.lua
--   dofile('/path/to/rotation-guard/editors/neovim/rotation-guard.lua').setup()
local M = {}

M.command = 'rotationGuard.server.rotateNow'

local function notify(msg, level)
  vim.notify('Rotation Guard: ' .. msg, level or vim.log.levels.INFO)
end

--- The vim.lsp.commands handler: `command` is the lens's or action's Command, `ctx` has client_id.
function M.rotate_now(command, ctx)
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  if not client then
    return notify('the language server is not running', vim.log.levels.ERROR)
  end
  -- Neovim 0.11 made the client's functions methods (client:request); older ones take no self.
  local request = vim.fn.has('nvim-0.11') == 1 and function(...) return client:request(...) end or client.request
  local function send(args)
    request('workspace/executeCommand', { command = M.command, arguments = { args } }, function(err, result)
      vim.schedule(function()
        if err then
          return notify(err.message or tostring(err), vim.log.levels.ERROR)
        end
        if result and result.status == 'needs-value' then
          local value = vim.fn.inputsecret(result.message .. '\nNew value (hidden): ')
          if value == nil or value == '' then
            return notify('nothing entered; ' .. args.id .. ' was not rotated', vim.log.levels.WARN)
          end
          return send(vim.tbl_extend('force', args, { newValue = value }))
        end
        local ok = result and (result.status == 'rotated' or result.status == 'awaiting-revoke')
        notify(args.id .. ': ' .. ((result and result.message) or 'no answer'), ok and vim.log.levels.INFO or vim.log.levels.ERROR)
      end)
    end, ctx.bufnr)
  end
  -- announce = false: this handler shows the outcome itself (the server would too, as a message).
  send(vim.tbl_extend('force', command.arguments[1], { announce = false }))
end

function M.setup()
  vim.lsp.commands[M.command] = M.rotate_now
  return M
end

return M
