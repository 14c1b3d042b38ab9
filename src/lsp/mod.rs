//! `hoplint lsp`: a language server over stdio that sees the whole stack.
//! Other servers for these files read one file of one server; this one
//! loads the workspace folders as `hoplint check` does (`hoplint.toml`,
//! its `[[stack]]`s, `--root`), keeps the files and the model in memory,
//! and after each edit publishes the findings of every file whose
//! findings changed: editing a pool's `listen` clears the error on the
//! nginx site that points at it, in a file that is not open.
//!
//! Built on `lsp-server` and `lsp-types`, rust-analyzer's synchronous
//! crates: one thread reads messages, the work runs in order, and no
//! async runtime is needed for a server whose every answer is computed
//! from memory.

pub mod actions;
pub mod complete;
pub mod hover;
pub mod navigate;
pub mod publish;
pub mod text;
pub mod workspace;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    notification, request, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CompletionOptions, CompletionParams, CompletionResponse,
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams,
    HoverProviderCapability, InitializeParams, Location, MarkupContent, MarkupKind, OneOf,
    PositionEncodingKind, PublishDiagnosticsParams, ReferenceParams, SaveOptions,
    ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, TextEdit, Uri, WorkspaceEdit,
};
use navigate::Place;
use publish::{LineCache, Published};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use text::{path_to_uri, uri_to_path, Encoding, Lines};
use workspace::{Settings, Timings, Workspace};

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Where the checked server's `/` is, as for `hoplint check --root`.
    /// Detected when a workspace folder looks like one.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// The config file (default: `hoplint.toml` in the first workspace
    /// folder or the nearest directory above it).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Ignore any `hoplint.toml`.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Accepted for clients that pass it: the server always speaks over
    /// standard input and output.
    #[arg(long, hide = true)]
    pub stdio: bool,
}

type Error = Box<dyn std::error::Error + Send + Sync>;

pub fn run(args: Args) -> ExitCode {
    let (connection, io) = Connection::stdio();
    // The server runs on a worker of the thread pool the model and the
    // rules use, so that a re-check's parallel work starts on this thread
    // at once and ends without waking it: on a virtual machine, waking a
    // sleeping thread (and its CPU) to start the rules and again to hand
    // back their findings took milliseconds of each re-check.
    // Its stack is the main thread's size: the server's own work runs on it.
    let result = match rayon::ThreadPoolBuilder::new().stack_size(8 << 20).build() {
        Ok(pool) => pool.install(|| serve(&connection, args)),
        Err(_) => serve(&connection, args),
    };
    drop(connection);
    let joined = io.join();
    match result.and(joined.map_err(Error::from)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hoplint lsp: {e}");
            ExitCode::from(1)
        }
    }
}

/// The encoding positions are counted in: UTF-8 where the client offers
/// it (no conversion), else the protocol's default, UTF-16.
fn negotiate(init: &InitializeParams) -> Encoding {
    let offered = init
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

#[allow(deprecated)]
fn folders(init: &InitializeParams) -> Vec<PathBuf> {
    let from_folders: Vec<PathBuf> = init
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_to_path(&f.uri))
        .collect();
    if !from_folders.is_empty() {
        return from_folders;
    }
    init.root_uri
        .as_ref()
        .and_then(uri_to_path)
        .or_else(|| init.root_path.as_ref().map(PathBuf::from))
        .into_iter()
        .collect()
}

fn serve(connection: &Connection, args: Args) -> Result<(), Error> {
    let (id, params) = connection.initialize_start()?;
    let init: InitializeParams = serde_json::from_value(params)?;
    let enc = negotiate(&init);
    let timings = init
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("timings"))
        .and_then(|t| t.as_bool())
        .unwrap_or(false);
    let capabilities = ServerCapabilities {
        position_encoding: Some(match enc {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ":".into(), "/".into()]),
            ..CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "hoplint", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let settings = Settings {
        root: args.root,
        config: args.config,
        no_config: args.no_config,
    };
    // Files changed behind the editor's back (a checkout, another
    // program) are announced where the client can watch them for us.
    let can_watch = init
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if can_watch {
        let watch = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "hoplint-watch".into(),
                method: notification::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(
                    lsp_types::DidChangeWatchedFilesRegistrationOptions {
                        watchers: vec![lsp_types::FileSystemWatcher {
                            glob_pattern: lsp_types::GlobPattern::String("**/*".into()),
                            kind: None,
                        }],
                    },
                )
                .ok(),
            }],
        };
        connection.sender.send(Message::Request(Request::new(
            RequestId::from("hoplint-watch".to_string()),
            request::RegisterCapability::METHOD.into(),
            watch,
        )))?;
    }
    let mut server = Server {
        connection,
        ws: Workspace::new(folders(&init), settings),
        enc,
        published: Published::default(),
        open: HashMap::new(),
        open_paths: HashSet::new(),
        timings,
    };
    server.refresh();
    loop {
        // What the last check replaced is freed while nothing waits: freed
        // on another thread during the next check, it slowed that check
        // by more than freeing costs (the allocator's lock).
        if connection.receiver.is_empty() {
            server.ws.free();
        }
        let Ok(first) = connection.receiver.recv() else {
            return Ok(());
        };
        // Whatever queued up meanwhile is handled before checking again:
        // a burst of keystrokes costs one check.
        let mut batch = vec![first];
        batch.extend(connection.receiver.try_iter());
        for msg in batch {
            match msg {
                Message::Request(req) => {
                    if connection.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    if server.ws.is_stale() {
                        server.refresh();
                    }
                    server.request(req)?;
                }
                Message::Notification(n) => {
                    if n.method == notification::Exit::METHOD {
                        return Ok(());
                    }
                    server.notification(n);
                }
                Message::Response(_) => {}
            }
        }
        if server.ws.is_stale() {
            server.refresh();
        }
    }
}

struct Server<'a> {
    connection: &'a Connection,
    ws: Workspace,
    enc: Encoding,
    published: Published,
    /// The name the editor opened each file by, keyed by the path a part
    /// of the workspace reads it as (they differ through symlinks).
    open: HashMap<PathBuf, Uri>,
    /// The files open in the editor, as it names them: their buffers win.
    open_paths: HashSet<PathBuf>,
    /// Send `hoplint/timings` after each check (`initializationOptions`).
    timings: bool,
}

/// The time one check took, for `hoplint/timings`.
fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Server<'_> {
    fn send(&self, msg: Message) {
        // A closed connection ends the loop at the next receive.
        let _ = self.connection.sender.send(msg);
    }

    fn notify(&self, method: &str, params: impl serde::Serialize) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    fn uri(&self, path: &Path) -> Uri {
        self.open
            .get(path)
            .cloned()
            .unwrap_or_else(|| path_to_uri(path))
    }

    /// Checks what changed and publishes every file whose findings differ.
    fn refresh(&mut self) {
        let started = Instant::now();
        let t: Timings = self.ws.refresh();
        let checked = started.elapsed();
        for p in &self.ws.problems {
            self.notify(
                notification::ShowMessage::METHOD,
                lsp_types::ShowMessageParams {
                    typ: lsp_types::MessageType::ERROR,
                    message: format!("hoplint: {p}"),
                },
            );
        }
        let started = Instant::now();
        let mut changes = self.published.changes(&self.ws, self.enc);
        // The files on screen first: a first load publishes every file.
        changes.sort_by_key(|(path, _)| !self.open.contains_key(path));
        let diff = started.elapsed();
        let count = changes.len();
        for (path, diagnostics) in changes {
            self.notify(
                notification::PublishDiagnostics::METHOD,
                PublishDiagnosticsParams {
                    uri: self.uri(&path),
                    diagnostics,
                    version: None,
                },
            );
        }
        let publish = started.elapsed();
        if self.timings {
            let files: usize = self.ws.units.iter().map(|u| u.project.files.len()).sum();
            self.notify(
                "hoplint/timings",
                serde_json::json!({
                    "load_ms": ms(t.load),
                    "parse_ms": ms(t.parse),
                    "model_ms": ms(t.model),
                    "rules_ms": ms(t.rules),
                    "check_ms": ms(checked),
                    "publish_ms": ms(publish),
                    "diff_ms": ms(diff),
                    "in_place": t.in_place,
                    "reloaded": t.reloaded,
                    "published": count,
                    "files": files,
                }),
            );
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = uri_to_path(&p.text_document.uri) else {
                    return;
                };
                if self.ws.folders.is_empty() {
                    // No workspace: the file's directory is one.
                    if let Some(dir) = path.parent() {
                        self.ws.folders.push(dir.to_path_buf());
                        self.ws.reload_all();
                    }
                }
                for unit in &self.ws.units {
                    if let Some(id) = unit.file_at(&path) {
                        if let Some(real) = unit.path(id) {
                            self.open
                                .insert(real.to_path_buf(), p.text_document.uri.clone());
                        }
                    }
                }
                self.open_paths.insert(path.clone());
                self.ws
                    .set_text(&path, Some(Arc::from(p.text_document.text)));
            }
            notification::DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = uri_to_path(&p.text_document.uri) else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.ws.set_text(&path, Some(Arc::from(change.text)));
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = uri_to_path(&p.text_document.uri) else {
                    return;
                };
                // A new file, or the declarations: plan the workspace again.
                let is_config = path
                    .file_name()
                    .is_some_and(|f| f == crate::config::FILE_NAME);
                if is_config || !self.ws.knows(&path) {
                    self.ws.reload_all();
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(n.params)
                else {
                    return;
                };
                let Some(path) = uri_to_path(&p.text_document.uri) else {
                    return;
                };
                self.open.retain(|_, u| *u != p.text_document.uri);
                self.open_paths.remove(&path);
                self.ws.set_text(&path, None);
            }
            notification::DidChangeWatchedFiles::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(n.params)
                else {
                    return;
                };
                for change in p.changes {
                    let Some(path) = uri_to_path(&change.uri) else {
                        continue;
                    };
                    if path.components().any(|c| c.as_os_str() == ".git")
                        || self.open_paths.contains(&path)
                    {
                        continue;
                    }
                    let is_config = path
                        .file_name()
                        .is_some_and(|f| f == crate::config::FILE_NAME);
                    if change.typ == lsp_types::FileChangeType::CHANGED
                        && !is_config
                        && self.ws.knows(&path)
                    {
                        // Read again from the disk, in place where it can be.
                        self.ws.set_text(&path, None);
                    } else if change.typ != lsp_types::FileChangeType::CHANGED || is_config {
                        // A file appeared or went: the stack may have changed shape.
                        self.ws.reload_all();
                    }
                }
            }
            notification::DidChangeWorkspaceFolders::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWorkspaceFoldersParams>(n.params)
                else {
                    return;
                };
                for f in p.event.removed {
                    if let Some(path) = uri_to_path(&f.uri) {
                        self.ws.folders.retain(|x| *x != path);
                    }
                }
                for f in p.event.added {
                    if let Some(path) = uri_to_path(&f.uri) {
                        self.ws.folders.push(path);
                    }
                }
                self.ws.reload_all();
            }
            _ => {}
        }
    }

    fn request(&mut self, req: Request) -> Result<(), Error> {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            request::HoverRequest::METHOD => {
                let p: HoverParams = serde_json::from_value(req.params)?;
                let pos = p.text_document_position_params;
                serde_json::to_value(self.hover(&pos.text_document.uri, pos.position))?
            }
            request::GotoDefinition::METHOD => {
                let p: GotoDefinitionParams = serde_json::from_value(req.params)?;
                let pos = p.text_document_position_params;
                let places = self.each_unit(&pos.text_document.uri, pos.position, |u, f, o| {
                    navigate::definition(u, f, o)
                });
                serde_json::to_value(GotoDefinitionResponse::Array(places))?
            }
            request::References::METHOD => {
                let p: ReferenceParams = serde_json::from_value(req.params)?;
                let pos = p.text_document_position;
                let decl = p.context.include_declaration;
                let places = self.each_unit(&pos.text_document.uri, pos.position, |u, f, o| {
                    navigate::references(u, f, o, decl)
                });
                serde_json::to_value(places)?
            }
            request::CodeActionRequest::METHOD => {
                let p: CodeActionParams = serde_json::from_value(req.params)?;
                serde_json::to_value(self.code_actions(&p))?
            }
            request::Completion::METHOD => {
                let p: CompletionParams = serde_json::from_value(req.params)?;
                let pos = p.text_document_position;
                serde_json::to_value(self.completion(&pos.text_document.uri, pos.position))?
            }
            _ => {
                self.send(Message::Response(Response::new_err(
                    id,
                    ErrorCode::MethodNotFound as i32,
                    format!("hoplint does not answer {}", req.method),
                )));
                return Ok(());
            }
        };
        self.respond(id, result);
        Ok(())
    }

    fn respond(&self, id: RequestId, result: serde_json::Value) {
        self.send(Message::Response(Response::new_ok(id, result)));
    }

    /// Runs `f` in every part of the workspace that read the file, at the
    /// position's byte offset, and turns the places found into locations.
    fn each_unit(
        &self,
        uri: &Uri,
        pos: lsp_types::Position,
        f: impl Fn(&workspace::Unit, crate::source::FileId, u32) -> Vec<Place>,
    ) -> Vec<Location> {
        let Some(path) = uri_to_path(uri) else {
            return Vec::new();
        };
        let mut lines = LineCache::default();
        let mut out = Vec::new();
        for (ui, unit) in self.ws.units.iter().enumerate() {
            let Some(file) = unit.file_at(&path) else {
                continue;
            };
            let text = &unit.project.file(file).text;
            let offset = Lines::new(text).offset(text, pos, self.enc);
            for place in f(unit, file, offset) {
                let Some(target) = unit.path(place.file) else {
                    continue;
                };
                let label = crate::diagnostic::Label {
                    file: place.file,
                    range: place.range,
                    message: String::new(),
                };
                let loc = Location::new(self.uri(target), lines.range(ui, unit, &label, self.enc));
                if !out.contains(&loc) {
                    out.push(loc);
                }
            }
        }
        out
    }

    fn hover(&self, uri: &Uri, pos: lsp_types::Position) -> Option<Hover> {
        let path = uri_to_path(uri)?;
        let mut parts: Vec<String> = Vec::new();
        for unit in &self.ws.units {
            let Some(file) = unit.file_at(&path) else {
                continue;
            };
            let text = &unit.project.file(file).text;
            let offset = Lines::new(text).offset(text, pos, self.enc);
            for part in hover::hover(unit, file, offset) {
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
        }
        if parts.is_empty() {
            return None;
        }
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: parts.join("\n---\n\n"),
            }),
            range: None,
        })
    }

    fn code_actions(&self, p: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(path) = uri_to_path(&p.text_document.uri) else {
            return Vec::new();
        };
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        let mut lines = LineCache::default();
        for (ui, unit) in self.ws.units.iter().enumerate() {
            let Some(file) = unit.file_at(&path) else {
                continue;
            };
            let source = unit.project.file(file);
            let table = Lines::new(&source.text);
            let from = table.offset(&source.text, p.range.start, self.enc);
            let to = table.offset(&source.text, p.range.end, self.enc);
            for d in &unit.project.diagnostics {
                let Some(primary) = &d.primary else {
                    continue;
                };
                if primary.file != file || primary.range.end < from || primary.range.start > to {
                    continue;
                }
                let Some(shown) = publish::convert(&mut lines, ui, unit, d, self.enc) else {
                    continue;
                };
                let mut edits: Vec<(String, actions::Edit, bool)> = Vec::new();
                if let Some(fix) = &d.fix {
                    let text = &unit.project.file(fix.file).text;
                    if let Some(e) = actions::resolve(fix, text) {
                        edits.push((fix.title.clone(), e, true));
                    }
                }
                if let Some(e) = actions::suppression(d, source.kind, &source.text) {
                    edits.push((
                        format!("Ignore `{}` here (with a reason)", d.code),
                        e,
                        false,
                    ));
                }
                for (title, e, preferred) in edits {
                    let Some(target) = unit.path(e.file) else {
                        continue;
                    };
                    let label = crate::diagnostic::Label {
                        file: e.file,
                        range: e.range,
                        message: String::new(),
                    };
                    let range = lines.range(ui, unit, &label, self.enc);
                    // `WorkspaceEdit::changes` is keyed by `Uri`, which
                    // clippy takes for mutable; it is never changed here.
                    #[allow(clippy::mutable_key_type)]
                    let mut changes = std::collections::HashMap::new();
                    changes.insert(self.uri(target), vec![TextEdit::new(range, e.text)]);
                    let action = CodeAction {
                        title,
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![shown.clone()]),
                        edit: Some(WorkspaceEdit {
                            changes: Some(changes),
                            ..WorkspaceEdit::default()
                        }),
                        is_preferred: preferred.then_some(true),
                        ..CodeAction::default()
                    };
                    let exists = out.iter().any(|a| match a {
                        CodeActionOrCommand::CodeAction(x) => {
                            x.title == action.title && x.edit == action.edit
                        }
                        _ => false,
                    });
                    if !exists {
                        out.push(CodeActionOrCommand::CodeAction(action));
                    }
                }
            }
        }
        out
    }

    fn completion(&self, uri: &Uri, pos: lsp_types::Position) -> Option<CompletionResponse> {
        let path = uri_to_path(uri)?;
        let units: Vec<&workspace::Unit> = self
            .ws
            .units
            .iter()
            .filter(|u| u.file_at(&path).is_some())
            .collect();
        let unit = units.first()?;
        let file = unit.project.file(unit.file_at(&path)?);
        let text = &file.text;
        let offset = Lines::new(text).offset(text, pos, self.enc) as usize;
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let items = complete::complete(&units, file.kind, &text[line_start..offset]);
        Some(CompletionResponse::Array(items))
    }
}
