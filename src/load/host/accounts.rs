//! The checked machine's accounts, as the C library reads `etc/passwd`
//! and `etc/group` (`getpwnam`, `getgrnam`, `getgrouplist`), and the
//! comparison of identities known by name, number or both.

use foldhash::{HashMap, HashMapExt};

/// The account databases of the scanned machine (`etc/passwd` and
/// `etc/group` under the root), each `None` when the tree lacks it.
#[derive(Debug, Default)]
pub struct Accounts {
    /// name → (uid, primary gid)
    users: Option<HashMap<String, (u32, u32)>>,
    pub groups: Option<Vec<GroupEntry>>,
}

#[derive(Debug)]
pub struct GroupEntry {
    pub name: String,
    pub gid: u32,
    pub members: Vec<String>,
}

/// The fields of each entry line; `#` comments and NIS `+`/`-` lines skipped.
fn records(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with(['#', '+', '-']))
        .map(|l| l.split(':').collect())
}

impl Accounts {
    pub fn parse(passwd: Option<&str>, group: Option<&str>) -> Accounts {
        let users = passwd.map(|t| {
            let mut m = HashMap::new();
            for f in records(t) {
                if let (Some(name), Some(Ok(uid)), Some(Ok(gid))) = (
                    f.first(),
                    f.get(2).map(|s| s.parse()),
                    f.get(3).map(|s| s.parse()),
                ) {
                    // getpwnam returns the first entry with a name.
                    m.entry(name.to_string()).or_insert((uid, gid));
                }
            }
            m
        });
        let groups = group.map(|t| {
            records(t)
                .filter_map(|f| {
                    Some(GroupEntry {
                        name: f.first()?.to_string(),
                        gid: f.get(2)?.parse().ok()?,
                        members: f
                            .get(3)
                            .map(|m| {
                                m.split(',')
                                    .map(str::trim)
                                    .filter(|s| !s.is_empty())
                                    .map(String::from)
                                    .collect()
                            })
                            .unwrap_or_default(),
                    })
                })
                .collect()
        });
        Accounts { users, groups }
    }

    pub fn user_id(&self, name: &str) -> Id {
        Id {
            name: Some(name.to_string()),
            num: self
                .users
                .as_ref()
                .and_then(|u| u.get(name))
                .map(|(uid, _)| *uid),
        }
    }

    pub fn uid_name(&self, uid: u32) -> Option<String> {
        let users = self.users.as_ref()?;
        users
            .iter()
            .filter(|(_, (u, _))| *u == uid)
            .map(|(n, _)| n.clone())
            .min()
    }

    pub fn group_id(&self, name: &str) -> Id {
        Id {
            name: Some(name.to_string()),
            num: self
                .groups
                .as_ref()
                .and_then(|g| g.iter().find(|e| e.name == name))
                .map(|e| e.gid),
        }
    }

    pub fn gid_id(&self, gid: u32) -> Id {
        Id {
            name: self
                .groups
                .as_ref()
                .and_then(|g| g.iter().find(|e| e.gid == gid))
                .map(|e| e.name.clone()),
            num: Some(gid),
        }
    }

    /// Whether the database that should hold `name` lacks it: the server
    /// would then refuse to start, which is another failure than this one.
    pub fn lacks_user(&self, name: &str) -> bool {
        self.users.as_ref().is_some_and(|u| !u.contains_key(name))
    }

    pub fn lacks_group(&self, name: &str) -> bool {
        self.groups
            .as_ref()
            .is_some_and(|g| !g.iter().any(|e| e.name == name))
    }
}

/// A user or group, by name, number, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Id {
    pub name: Option<String>,
    pub num: Option<u32>,
}

impl Id {
    pub fn root() -> Id {
        Id {
            name: Some("root".into()),
            num: Some(0),
        }
    }

    pub fn show(&self) -> String {
        match (&self.name, self.num) {
            (Some(n), _) => n.clone(),
            (None, Some(n)) => n.to_string(),
            (None, None) => "?".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tri {
    Yes,
    No,
    /// Not knowable from the configs.
    Unknown,
    /// Not provable, but assumed no: supplementary groups without an
    /// `etc/group` in the tree.
    AssumedNo,
}

pub fn same(a: &Id, b: &Id) -> Tri {
    match (a.num, b.num, &a.name, &b.name) {
        (Some(x), Some(y), _, _) => yes(x == y),
        (_, _, Some(x), Some(y)) => yes(x == y),
        _ => Tri::Unknown,
    }
}

pub fn yes(b: bool) -> Tri {
    if b {
        Tri::Yes
    } else {
        Tri::No
    }
}

impl Accounts {
    /// The primary group of a user by name, as `getpwnam` gives it.
    pub fn primary_gid(&self, name: &str) -> Option<u32> {
        self.users.as_ref()?.get(name).map(|(_, gid)| *gid)
    }
}
