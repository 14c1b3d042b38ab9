-- Neovim's own LSP client (0.7, Debian 12) against `hoplint lsp`: opens a
-- pool of a small stack, edits its `listen` as a user would
-- (nvim_buf_set_lines, which sends didChange), and checks the diagnostics
-- Neovim holds for the nginx site that points at it, a file never opened;
-- then jumps to the definition of the site's `fastcgi_pass`.
--
-- Run by tests/lsp_neovim.rs:
--   HOPLINT_BIN=... HOPLINT_STACK=... nvim --headless -u NONE -n \
--     -c "lua dofile('tests/lsp/neovim.lua')"
-- Exits 0 when every check passes, 1 with a message otherwise.

local bin = assert(os.getenv("HOPLINT_BIN"), "HOPLINT_BIN")
local root = assert(os.getenv("HOPLINT_STACK"), "HOPLINT_STACK")
local pool = root .. "/etc/php/8.2/fpm/pool.d/www.conf"
local site = root .. "/etc/nginx/sites-enabled/shop"
local WAIT = 20000

local function check(ok, what)
  if not ok then
    error(what, 0)
  end
end

local function run()
  local client_id = vim.lsp.start_client({
    name = "hoplint",
    cmd = { bin, "lsp" },
    root_dir = root,
    flags = { debounce_text_changes = 10 },
  })
  check(client_id, "vim.lsp.start_client failed")

  vim.cmd("edit " .. vim.fn.fnameescape(pool))
  local pool_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(pool_buf, client_id)
  check(vim.wait(WAIT, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return c ~= nil and c.initialized
  end, 20), "the client never initialized")

  -- The site's diagnostics arrive on a buffer Neovim makes for its URI.
  local site_buf = vim.uri_to_bufnr(vim.uri_from_fname(site))
  local function site_codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(site_buf)) do
      table.insert(out, tostring(d.code))
    end
    return table.concat(out, ",")
  end

  local lines = vim.api.nvim_buf_get_lines(pool_buf, 0, -1, false)
  local listen_line
  for i, l in ipairs(lines) do
    if l:match("^listen = ") then
      listen_line = i - 1
    end
  end
  check(listen_line, "no `listen =` line in the pool")
  local original = lines[listen_line + 1]

  -- Move the pool's socket: the site's hop now points at nothing.
  vim.api.nvim_buf_set_lines(pool_buf, listen_line, listen_line + 1, false,
    { "listen = /run/php/php8.3-fpm.sock" })
  check(vim.wait(WAIT, function() return site_codes() == "unix-socket-missing" end, 20),
    "after moving the pool's listen, the site's diagnostics are [" .. site_codes()
      .. "], not [unix-socket-missing]")
  local d = vim.diagnostic.get(site_buf)[1]
  check(d.severity == vim.diagnostic.severity.ERROR, "the finding is not an error")
  check(d.lnum == 5, "the finding is on line " .. d.lnum .. ", not 5")

  -- Put it back: the error is cleared.
  vim.api.nvim_buf_set_lines(pool_buf, listen_line, listen_line + 1, false, { original })
  check(vim.wait(WAIT, function() return site_codes() == "" end, 20),
    "after restoring the pool's listen, the site still has [" .. site_codes() .. "]")

  -- Go to definition from the site's fastcgi_pass: the pool's listen.
  vim.cmd("edit " .. vim.fn.fnameescape(site))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, client_id)
  local row
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:match("fastcgi_pass") then
      row = i - 1
    end
  end
  check(row, "no fastcgi_pass in the site")
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = row, character = 20 },
  }
  local responses = vim.lsp.buf_request_sync(buf, "textDocument/definition", params, WAIT)
  check(responses and responses[client_id], "no answer to textDocument/definition")
  local result = responses[client_id].result
  check(result and #result == 1, "definition gave " .. vim.inspect(result))
  check(vim.uri_to_fname(result[1].uri) == pool, "definition leads to " .. result[1].uri)
  check(result[1].range.start.line == listen_line,
    "definition leads to line " .. result[1].range.start.line .. ", not " .. listen_line)

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end

local ok, err = pcall(run)
if ok then
  io.stdout:write("neovim: all checks passed\n")
  vim.cmd("qa!")
else
  io.stderr:write("neovim: FAILED: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
