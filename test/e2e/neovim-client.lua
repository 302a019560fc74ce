-- Neovim's built-in LSP client against `kubeplan lsp --stdio`, configured by the README's Neovim snippet: loads
-- the snippet, opens one file (its FileType starts the server), waits for its diagnostics, asks for a hover, and
-- writes what it received as JSON. Arguments come from the environment:
--   KUBEPLAN_CONFIG (the snippet, with the real paths), KUBEPLAN_FILE, KUBEPLAN_OUT,
--   KUBEPLAN_HOVER_LINE, KUBEPLAN_HOVER_CHARACTER (0-based).
local result = { diagnostics = {}, hover = vim.NIL, errors = {} }
local diagnostics_seen = false

local function finish()
  local out = io.open(vim.env.KUBEPLAN_OUT, 'w')
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qall!')
end

-- Diagnostics of the file are recorded, then shown as Neovim shows them.
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if vim.uri_to_fname(params.uri) == vim.env.KUBEPLAN_FILE then
    result.diagnostics = params.diagnostics
    diagnostics_seen = true
  end
  return publish(err, params, ctx, config)
end

-- `-u NONE` starts without filetype detection, which the snippet's FileType autocommand needs.
vim.cmd('filetype on')
local loaded, problem = pcall(dofile, vim.env.KUBEPLAN_CONFIG)
if not loaded then
  table.insert(result.errors, 'the README snippet failed: ' .. tostring(problem))
  finish()
end

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.KUBEPLAN_FILE))
local bufnr = vim.api.nvim_get_current_buf()
-- A client is listed once the server has answered `initialize`.
local list_clients = vim.lsp.get_clients or vim.lsp.get_active_clients
local clients = {}
vim.wait(10000, function()
  clients = list_clients()
  return #clients > 0
end, 50)
if #clients == 0 then
  table.insert(result.errors, 'the snippet started no client for ' .. vim.bo[bufnr].filetype)
  finish()
end

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

for _, client in ipairs(clients) do
  vim.lsp.stop_client(client.id)
end
finish()
