-- Neovim's built-in LSP client against `kubeplan lsp --stdio`: opens one file, waits for its diagnostics, asks
-- for a hover, and writes what it received as JSON. Arguments come from the environment:
--   KUBEPLAN_CMD (JSON array: the server command), KUBEPLAN_FILE, KUBEPLAN_ROOT, KUBEPLAN_OUT,
--   KUBEPLAN_HOVER_LINE, KUBEPLAN_HOVER_CHARACTER (0-based).
local cmd = vim.fn.json_decode(vim.env.KUBEPLAN_CMD)
local result = { diagnostics = {}, hover = vim.NIL, errors = {} }
local diagnostics_seen = false

local client_id = vim.lsp.start_client({
  name = 'kubeplan',
  cmd = cmd,
  root_dir = vim.env.KUBEPLAN_ROOT,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      if vim.uri_to_fname(params.uri) == vim.env.KUBEPLAN_FILE then
        result.diagnostics = params.diagnostics
        diagnostics_seen = true
      end
    end,
  },
  on_exit = function(code)
    if code ~= 0 then table.insert(result.errors, 'server exited with ' .. code) end
  end,
})

local function finish()
  local out = io.open(vim.env.KUBEPLAN_OUT, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qall!')
end

if client_id == nil then
  table.insert(result.errors, 'the client did not start')
  finish()
end

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.KUBEPLAN_FILE))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(20000, function() return diagnostics_seen end, 50) then
  table.insert(result.errors, 'no diagnostics within 20 s')
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = tonumber(vim.env.KUBEPLAN_HOVER_LINE), character = tonumber(vim.env.KUBEPLAN_HOVER_CHARACTER) },
}
local answers, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000)
if err then table.insert(result.errors, 'hover: ' .. err) end
for _, answer in pairs(answers or {}) do
  if answer.error then table.insert(result.errors, 'hover: ' .. vim.inspect(answer.error)) end
  if answer.result then result.hover = answer.result end
end

vim.lsp.stop_client(client_id)
finish()
