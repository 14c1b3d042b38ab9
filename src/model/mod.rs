//! One model of the whole stack, built from the syntax trees of every file
//! read: nginx servers, locations and the hops they make, upstreams,
//! php-fpm pools, Apache vhosts and proxies, and every listening address.
//! Everything carries the file and range it was read from, so a rule can
//! point at each line involved. Rules read this model, never the trees.

pub mod apache;
pub mod buffers;
pub mod capacity;
pub mod dump;
pub mod endpoint;
pub mod hops;
pub mod includes;
pub mod indexes;
pub mod limits;
pub mod near_names;
pub mod nginx;
pub mod php_fpm;
pub mod sight;
pub mod variables;
pub mod versions;

use crate::load::Project;
use crate::source::FileId;
use crate::span::TextRange;
use foldhash::HashSetExt;

pub use endpoint::Endpoint;
pub use hops::{Listener, ServerKind, Target, UnresolvedHop};
pub use includes::{Includes, MAX_SPLICE_DEPTH};
pub use indexes::{ListenIndex, NearPorts, NearSockets, PoolIndex, SocketScope};

/// Where something was written: one file, one byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: FileId,
    pub range: TextRange,
}

impl Span {
    /// The place of what was declared outside the scanned files (a backend
    /// in `hoplint.toml`): no file to point at.
    pub const DECLARED: Span = Span {
        file: FileId::DECLARED,
        range: TextRange { start: 0, end: 0 },
    };
}

/// A value as written (after the server's own expansions, such as php-fpm's
/// `$pool`) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct Stack {
    pub nginx: nginx::Nginx,
    pub pools: Vec<php_fpm::Pool>,
    /// The php-fpm masters the pools belong to (`Pool::master`).
    pub masters: Vec<php_fpm::Master>,
    /// Every `php.ini` read.
    pub php_inis: Vec<php_fpm::PhpIni>,
    pub apache: apache::Apache,
    /// Backends the user declared (`hoplint.toml`, `--external`): listeners
    /// hoplint cannot read but is told exist.
    pub external: Vec<External>,
    /// The values of the variables nginx hops go through.
    pub variables: variables::Variables,
    /// Where each pool listens, for [`Stack::pools_answering`].
    pub pool_index: PoolIndex,
    /// Names the system gives pool sockets (Debian's `/run/php/php-fpm.sock`).
    pub socket_aliases: Vec<php_fpm::SocketAlias>,
    /// The nginx release, where declared or installed on a checked root.
    pub nginx_release: versions::NginxRelease,
    /// What hoplint sees whole, for rules that conclude from an absence.
    pub sight: sight::Sight,
    /// nginx's "not allowed here" findings, found with the directives the
    /// model leaves out (`crate::rules::model_of`): kept for
    /// `crate::rules::check`, so that every nginx tree is walked once.
    pub misplaced: Vec<crate::diagnostic::Diagnostic>,
}

/// A backend as the user declares it (`hoplint.toml`, `--external`).
#[derive(Debug, Clone)]
pub struct Declared {
    pub name: String,
    /// `unix:/path`, `port` or `host:port`.
    pub listen: String,
    /// How long it keeps an idle connection, in milliseconds.
    pub keepalive_timeout: Option<u64>,
}

/// A declared backend outside the scanned configs.
#[derive(Debug)]
pub struct External {
    pub name: String,
    pub text: String,
    pub endpoint: Endpoint,
    pub keepalive_timeout: Option<u64>,
}

pub fn build(project: &Project) -> Stack {
    build_without(project, &foldhash::HashSet::new())
}

/// [`build`], leaving out the nginx directives in `refused` (those nginx
/// refuses where they stand: no hop, server or upstream comes of them).
pub fn build_without(project: &Project, refused: &foldhash::HashSet<Span>) -> Stack {
    let includes = Includes::new(project);
    // The three sides read only their own files: built side by side, the
    // nginx side (the largest) on one core, pools and vhosts on the other.
    let (
        (nginx, variables, sight),
        ((pools, masters, php_inis, pool_index, socket_aliases), apache),
    ) = rayon::join(
        || {
            let nginx = nginx::build(project, &includes, refused);
            let variables = variables::resolve(&nginx);
            let sight = sight::Sight::new(project, &nginx);
            (nginx, variables, sight)
        },
        || {
            rayon::join(
                || {
                    let php_inis = php_fpm::php_inis(project);
                    let (pools, masters) = php_fpm::build(project, &includes, &php_inis);
                    let pool_index = PoolIndex::new(&pools);
                    let socket_aliases = php_fpm::socket_aliases(project, &pools);
                    (pools, masters, php_inis, pool_index, socket_aliases)
                },
                || apache::build(project, &includes),
            )
        },
    );
    Stack {
        nginx,
        pools,
        masters,
        php_inis,
        apache,
        external: Vec::new(),
        variables,
        pool_index,
        socket_aliases,
        nginx_release: versions::NginxRelease::default(),
        sight,
        misplaced: Vec::new(),
    }
}

/// Which parts of the model an edit touched, by the kinds of the files it
/// changed: nginx files feed the nginx side (with its variables and what
/// is seen whole), php-fpm pools and `php.ini` the pools, httpd's files
/// its vhosts and proxies. No part reads another's files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Touched {
    pub nginx: bool,
    pub php: bool,
    pub apache: bool,
}

impl Touched {
    /// Every part: what a rule reads unless it says less.
    pub const ALL: Touched = Touched {
        nginx: true,
        php: true,
        apache: true,
    };
    pub const NGINX: Touched = Touched {
        nginx: true,
        php: false,
        apache: false,
    };
    pub const PHP: Touched = Touched {
        nginx: false,
        php: true,
        apache: false,
    };
    pub const APACHE: Touched = Touched {
        nginx: false,
        php: false,
        apache: true,
    };

    pub const fn and(self, other: Touched) -> Touched {
        Touched {
            nginx: self.nginx || other.nginx,
            php: self.php || other.php,
            apache: self.apache || other.apache,
        }
    }

    /// Whether the two name a part in common.
    pub fn meets(self, other: Touched) -> bool {
        (self.nginx && other.nginx) || (self.php && other.php) || (self.apache && other.apache)
    }

    pub fn add(&mut self, kind: crate::source::Kind) {
        use crate::source::Kind;
        match kind {
            Kind::Nginx => self.nginx = true,
            Kind::PhpFpm | Kind::PhpIni => self.php = true,
            Kind::Apache => self.apache = true,
        }
    }
}

/// The model after an in-place edit (the language server's: every include
/// as it was) of the files `edited`, of the kinds `touched` names: of
/// `prior`, the model before it, only those parts are built again (an
/// nginx edit the nginx side, or only the edited site's part of it, with
/// its variables and what is seen whole; a pool edit the pools; an httpd
/// edit the vhosts) and the rest is kept. With no `edited` files named,
/// every touched part is built again. The same model as
/// [`build_without`] gives, without reading the other trees again.
/// `refused` is read only when `touched.nginx`. Returns the parts it
/// replaced, for the caller to free when it has time.
pub fn rebuild(
    project: &Project,
    stack: &mut Stack,
    touched: Touched,
    edited: &[FileId],
    refused: &foldhash::HashSet<Span>,
) -> Vec<Box<dyn Send>> {
    let mut old: Vec<Box<dyn Send>> = Vec::new();
    if touched == Touched::default() {
        return old;
    }
    let includes = Includes::new(project);
    if touched.php {
        let php_inis = php_fpm::php_inis(project);
        let (pools, masters) = php_fpm::build(project, &includes, &php_inis);
        old.push(Box::new((
            std::mem::replace(&mut stack.pool_index, PoolIndex::new(&pools)),
            std::mem::replace(
                &mut stack.socket_aliases,
                php_fpm::socket_aliases(project, &pools),
            ),
            std::mem::replace(&mut stack.pools, pools),
            std::mem::replace(&mut stack.masters, masters),
            std::mem::replace(&mut stack.php_inis, php_inis),
        )));
    }
    if touched.nginx {
        // Each edited nginx file's part replaced where it can be (a site
        // file), else the whole side built again.
        let mut replaced: Vec<Box<dyn Send>> = Vec::new();
        let mut whole = edited.is_empty();
        for &file in edited {
            if project.file(file).kind != crate::source::Kind::Nginx {
                continue;
            }
            match nginx::replace_file(&mut stack.nginx, project, &includes, refused, file) {
                Some(part) => replaced.push(part),
                None => {
                    whole = true;
                    break;
                }
            }
        }
        if whole {
            let nginx = nginx::build(project, &includes, refused);
            replaced.push(Box::new(std::mem::replace(&mut stack.nginx, nginx)));
        }
        let variables = variables::resolve(&stack.nginx);
        let sight = sight::Sight::new(project, &stack.nginx);
        old.push(Box::new((
            replaced,
            std::mem::replace(&mut stack.variables, variables),
            std::mem::replace(&mut stack.sight, sight),
        )));
    }
    if touched.apache {
        let apache = apache::build(project, &includes);
        old.push(Box::new(std::mem::replace(&mut stack.apache, apache)));
    }
    old
}

/// Where a PHP setting of a pool comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhpSource {
    /// `php_admin_value[...]` / `php_admin_flag[...]`: fixed, scripts cannot change it.
    PoolAdmin,
    /// `php_value[...]` / `php_flag[...]`: a script's `ini_set()` may change it.
    Pool,
    /// The master's `php.ini`.
    PhpIni,
}

impl Stack {
    /// The pools that certainly answer a connection to `target`, in the
    /// order they were read (the same as comparing it with every pool).
    pub fn pools_answering(&self, target: &Endpoint) -> Vec<&php_fpm::Pool> {
        self.answering(target)
            .into_iter()
            .map(|i| &self.pools[i])
            .collect()
    }

    /// Of the pools that certainly answer any of `targets`, the one read
    /// last (php-fpm keeps the last definition of an address).
    pub fn last_pool_answering(&self, targets: &[&Endpoint]) -> Option<&php_fpm::Pool> {
        targets
            .iter()
            .flat_map(|t| self.answering(t))
            .max()
            .map(|i| &self.pools[i])
    }

    fn answering(&self, target: &Endpoint) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .pool_index
            .candidates(target)
            .iter()
            .copied()
            .filter(|&i| {
                self.pools[i]
                    .endpoint
                    .as_ref()
                    .is_some_and(|e| e.answers(target) == endpoint::Answer::Yes)
            })
            .collect();
        // A link the system makes to a pool's socket reaches that pool.
        if let Endpoint::Unix(p) = target {
            for a in &self.socket_aliases {
                if (a.link == *p || endpoint::is_run_alias(p, &a.link)) && !found.contains(&a.pool)
                {
                    found.push(a.pool);
                }
            }
        }
        found
    }

    /// A PHP ini setting (`memory_limit`, `max_execution_time`) as a pool's
    /// workers get it: the pool's `php_admin_*`, else its `php_*`, else
    /// the `php.ini` its master reads. `None`: PHP's built-in default.
    pub fn php_setting<'a>(
        &'a self,
        pool: &'a php_fpm::Pool,
        name: &str,
    ) -> Option<(&'a Setting, PhpSource)> {
        for (prefix, source) in [
            ("php_admin_value", PhpSource::PoolAdmin),
            ("php_admin_flag", PhpSource::PoolAdmin),
            ("php_value", PhpSource::Pool),
            ("php_flag", PhpSource::Pool),
        ] {
            if let Some(s) = pool.get(&format!("{prefix}[{name}]")) {
                return Some((s, source));
            }
        }
        let ini = self.masters.get(pool.master)?.php_ini?;
        self.php_inis
            .iter()
            .find(|i| i.file == ini)?
            .get(name)
            .map(|s| (s, PhpSource::PhpIni))
    }

    /// Adds the backends the user declared. An address is read as a
    /// listener: `unix:/path`, `port`, `host:port`; `[::]` is taken as
    /// dual-stack, since hoplint cannot see the app's socket options.
    pub fn declare(&mut self, declared: impl IntoIterator<Item = Declared>) {
        for d in declared {
            self.external.push(External {
                endpoint: endpoint::nginx_listen(&d.listen, false),
                name: d.name,
                text: d.listen,
                keepalive_timeout: d.keepalive_timeout,
            });
        }
    }
}
