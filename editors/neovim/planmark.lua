-- planmark for Neovim 0.7 and later, with the built-in LSP client and nothing else.
-- Install the server:  npm install -g planmark-language-server
-- Then put this file in ~/.config/nvim/plugin/ (or require it from init.lua).
-- Tested headless in `npm test` (scripts/otherEditorTests.mjs) with Debian's Neovim 0.7.2.

-- Any planmark setting, as in VS Code without the "planmark." prefix, set before this file runs:
--   vim.g.planmark_settings = { diagnostics = { ['broken-link'] = 'off' } }
local settings = vim.g.planmark_settings or vim.empty_dict()

-- One server per project: the folder holding .specify/ (spec-kit), else .git, else the file's own.
local function root_of(file)
  local folder = vim.fn.fnamemodify(file, ':p:h')
  for _, marker in ipairs({ '.specify', '.git' }) do
    local found = vim.fn.finddir(marker, folder .. ';')
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h:h')
    end
  end
  return folder
end

local clients = {}

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  callback = function(args)
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client({
        name = 'planmark',
        cmd = { 'planmark-language-server', '--stdio' },
        root_dir = root,
        workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
        init_options = { planmark = settings },
        -- Neovim refreshes lenses only when asked: after every change, and when the server says so.
        on_attach = function(_, bufnr)
          vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'TextChanged' }, {
            buffer = bufnr,
            callback = function()
              vim.lsp.codelens.refresh()
            end,
          })
          vim.lsp.codelens.refresh()
        end,
      })
      clients[root] = id
    end
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})

-- Progress lenses run the server's command planmark.server.revealTask: `:lua vim.lsp.codelens.run()`
-- on a lens line jumps to the next open task. `K` (hover) on a heading shows its progress too.
