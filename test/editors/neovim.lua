-- Drives Neovim headless with editors/neovim/planmark.lua loaded, as a user would, and writes what
-- it saw to the JSON file named by $PLANMARK_RESULT; scripts/otherEditorTests.mjs checks it.
local result = { checks = {} }
local workspace = os.getenv('PLANMARK_WORKSPACE')
local function check(name, value)
  result.checks[name] = value
end
local function wait(condition, ms)
  return vim.wait(ms or 15000, condition, 50)
end
local function clients_of(buf)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  if vim.lsp.get_clients then
    return get({ bufnr = buf })
  end
  return vim.lsp.buf_get_clients(buf)
end
local function request(buf, method, params)
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, answer in pairs(answers) do
    if answer.result ~= nil then
      return answer.result
    end
  end
  return nil
end
local function code_of(diagnostic)
  return diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code)
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. workspace .. '/specs/042-offline-sync/plan.md')
  local buf = vim.api.nvim_get_current_buf()
  check('attached', wait(function() return #vim.tbl_values(clients_of(buf)) > 0 end))
  check('diagnostics', wait(function() return #vim.diagnostic.get(buf) > 0 end))
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(diagnostics, { line = d.lnum, col = d.col, code = code_of(d), source = d.source, severity = d.severity })
  end
  result.diagnostics = diagnostics
  local text_document = { uri = vim.uri_from_bufnr(buf) }
  local symbols = request(buf, 'textDocument/documentSymbol', { textDocument = text_document }) or {}
  result.symbols = vim.tbl_map(function(symbol) return symbol.name end, symbols)
  local lenses = request(buf, 'textDocument/codeLens', { textDocument = text_document }) or {}
  result.lenses = vim.tbl_map(function(lens) return { title = lens.command.title, command = lens.command.command } end, lenses)
  local hover = request(buf, 'textDocument/hover', { textDocument = text_document, position = { line = 0, character = 2 } })
  result.hover = hover and hover.contents and hover.contents.value or vim.NIL

  -- A quick fix, applied as Neovim applies it: the first action for the unresolved gate status.
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local status_line
  for index, line in ipairs(lines) do
    if line:find('PASS / FAIL / CONDITIONAL', 1, true) then
      status_line = index - 1
      break
    end
  end
  local choice
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == status_line then
      choice = d
    end
  end
  local actions = request(buf, 'textDocument/codeAction', {
    textDocument = text_document,
    range = { start = { line = status_line, character = 0 }, ['end'] = { line = status_line, character = 0 } },
    -- As vim.lsp.buf.code_action() sends them: the line's diagnostics in LSP form.
    context = {
      diagnostics = vim.lsp.diagnostic.get_line_diagnostics and vim.lsp.diagnostic.get_line_diagnostics(buf, status_line)
        or { choice.user_data.lsp },
    },
  }) or {}
  result.actions = vim.tbl_map(function(action) return action.title end, actions)
  if actions[1] and actions[1].edit then
    vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  end
  result.statusLine = vim.api.nvim_buf_get_lines(buf, status_line, status_line + 1, false)[1]

  -- Completion on a new line after Research Task 2: the next block, Research Task 3.
  local before
  for index, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find('^### 3%.2 ') then
      before = index - 1
    end
  end
  vim.api.nvim_buf_set_lines(buf, before, before, false, { '', '' })
  local items = request(buf, 'textDocument/completion', {
    textDocument = text_document,
    position = { line = before, character = 0 },
  }) or {}
  items = items.items or items
  result.completions = #items
  result.completionFormat = items[1] and items[1].insertTextFormat or vim.NIL
  result.completionText = items[1] and items[1].textEdit and items[1].textEdit.newText or vim.NIL

  -- A README is left alone.
  vim.cmd('edit ' .. workspace .. '/README.md')
  local readme = vim.api.nvim_get_current_buf()
  wait(function() return #vim.tbl_values(clients_of(readme)) > 0 end)
  vim.wait(1500)
  check('readmeDiagnostics', #vim.diagnostic.get(readme))
  check('readmeSymbols', #(request(readme, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(readme) } }) or {}))
end)
result.error = ok and vim.NIL or tostring(err)
local log = io.open(vim.lsp.get_log_path(), 'r')
result.log = log and log:read('*a') or ''
if log then
  log:close()
end
local file = io.open(os.getenv('PLANMARK_RESULT'), 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qa!')
