//! Every directive of the nginx modules that Debian builds (statically, or
//! as the `libnginx-mod-{mail,stream,stream-geoip,http-geoip,http-image-filter,
//! http-perl,http-xslt-filter}` packages), with where it may appear and how
//! many arguments it takes, as declared in each module's `ngx_command_t`
//! array.
//!
//! Read from the nginx/nginx sources at tags `release-1.26.3`,
//! `release-1.24.0` and `release-1.22.1` (the corpus oracle runs 1.22.1).
//! A directive present in any of them is listed; where it is missing from
//! some, a comment says which versions have it. No directive changed its
//! contexts or argument flags between those versions. Left out: event
//! methods Linux lacks (kqueue, devpoll, eventport, iocp), the degradation
//! and google_perftools modules (not built by Debian), and third-party
//! modules: their directives are simply unknown here, which the checks
//! treat as "say nothing".
//!
//! A name may appear several times (`server` in http, upstream, stream,
//! mail...): nginx picks the first entry, in module order, whose context
//! matches, and entries of one name never share a context.

/// Where a directive may appear: nginx's `NGX_*_CONF` bits, given one bit
/// each here because nginx reuses the same bit values for http, stream,
/// mail and events and tells them apart by module type.
pub mod ctx {
    pub const MAIN: u32 = 1 << 0;
    pub const EVENT: u32 = 1 << 1;
    pub const HTTP_MAIN: u32 = 1 << 2;
    pub const HTTP_SRV: u32 = 1 << 3;
    pub const HTTP_LOC: u32 = 1 << 4;
    pub const HTTP_UPS: u32 = 1 << 5;
    pub const HTTP_SIF: u32 = 1 << 6;
    pub const HTTP_LIF: u32 = 1 << 7;
    pub const HTTP_LMT: u32 = 1 << 8;
    pub const STREAM_MAIN: u32 = 1 << 9;
    pub const STREAM_SRV: u32 = 1 << 10;
    pub const STREAM_UPS: u32 = 1 << 11;
    pub const MAIL_MAIN: u32 = 1 << 12;
    pub const MAIL_SRV: u32 = 1 << 13;
    /// `NGX_ANY_CONF`: only `include`.
    pub const ANY: u32 = (1 << 14) - 1;
}

/// Argument flags, with nginx's own values (`ngx_conf_file.h`).
pub mod args {
    pub const NOARGS: u32 = 0x0001;
    pub const TAKE1: u32 = 0x0002;
    pub const TAKE2: u32 = 0x0004;
    pub const TAKE3: u32 = 0x0008;
    pub const TAKE4: u32 = 0x0010;
    pub const TAKE5: u32 = 0x0020;
    pub const TAKE6: u32 = 0x0040;
    pub const TAKE7: u32 = 0x0080;
    pub const TAKE12: u32 = TAKE1 | TAKE2;
    pub const TAKE13: u32 = TAKE1 | TAKE3;
    pub const TAKE23: u32 = TAKE2 | TAKE3;
    pub const TAKE123: u32 = TAKE1 | TAKE2 | TAKE3;
    pub const TAKE1234: u32 = TAKE1 | TAKE2 | TAKE3 | TAKE4;
    /// The directive must be followed by `{`; without it, by `;`.
    pub const BLOCK: u32 = 0x0100;
    /// Exactly one argument (`on`/`off` is checked later, not as syntax).
    pub const FLAG: u32 = 0x0200;
    /// No count check at all.
    pub const ANY: u32 = 0x0400;
    pub const ONE_OR_MORE: u32 = 0x0800;
    pub const TWO_OR_MORE: u32 = 0x1000;
    /// nginx counts the name too and refuses more than 8 words for TAKEn.
    pub const MAX_TAKE: usize = 7;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirectiveSpec {
    pub name: &'static str,
    /// `ctx::*` bits.
    pub contexts: u32,
    /// `args::*` bits.
    pub args: u32,
    /// The nginx module that declares it, e.g. `ngx_http_rewrite_module`.
    pub module: &'static str,
}

impl DirectiveSpec {
    pub fn is_block(&self) -> bool {
        self.args & args::BLOCK != 0
    }

    /// nginx's count check from `ngx_conf_handler`, in the same order of
    /// precedence (ANY, FLAG, 1MORE, 2MORE, then the TAKEn bits).
    pub fn accepts_arg_count(&self, n: usize) -> bool {
        let a = self.args;
        if a & args::ANY != 0 {
            true
        } else if a & args::FLAG != 0 {
            n == 1
        } else if a & args::ONE_OR_MORE != 0 {
            n >= 1
        } else if a & args::TWO_OR_MORE != 0 {
            n >= 2
        } else if n > args::MAX_TAKE {
            false
        } else {
            a & (1 << n) != 0
        }
    }

    /// How many arguments it takes, in words: "exactly 1 argument",
    /// "2 or 3 arguments", "1 or more arguments", "no arguments".
    pub fn expected_args(&self) -> String {
        let a = self.args;
        if a & args::ANY != 0 {
            return "any number of arguments".into();
        }
        if a & args::FLAG != 0 {
            return "exactly 1 argument (`on` or `off`)".into();
        }
        if a & args::ONE_OR_MORE != 0 {
            return "1 or more arguments".into();
        }
        if a & args::TWO_OR_MORE != 0 {
            return "2 or more arguments".into();
        }
        let counts: Vec<String> = (0..=args::MAX_TAKE)
            .filter(|n| a & (1 << n) != 0)
            .map(|n| n.to_string())
            .collect();
        match counts.as_slice() {
            [] => "no arguments".into(),
            [only] if only == "0" => "no arguments".into(),
            [only] if only == "1" => "exactly 1 argument".into(),
            [only] => format!("exactly {only} arguments"),
            [init @ .., last] => format!("{} or {last} arguments", init.join(", ")),
        }
    }
}

/// Every entry named `name`, in nginx's module order.
pub fn lookup(name: &str) -> &'static [DirectiveSpec] {
    let start = DIRECTIVES.partition_point(|d| d.name < name);
    let len = DIRECTIVES[start..].partition_point(|d| d.name == name);
    &DIRECTIVES[start..start + len]
}

/// The entry nginx would use for `name` in a context (one `ctx::*` bit).
pub fn find(name: &str, context: u32) -> Option<&'static DirectiveSpec> {
    lookup(name).iter().find(|d| d.contexts & context != 0)
}

const fn d(name: &'static str, contexts: u32, args: u32, module: &'static str) -> DirectiveSpec {
    DirectiveSpec {
        name,
        contexts,
        args,
        module,
    }
}

/// Sorted by name (byte order) for `lookup`; entries of one name keep
/// nginx's module order.
pub static DIRECTIVES: &[DirectiveSpec] = &[
    d(
        "absolute_redirect",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "accept_mutex",
        ctx::EVENT,
        args::FLAG,
        "ngx_event_core_module",
    ),
    d(
        "accept_mutex_delay",
        ctx::EVENT,
        args::TAKE1,
        "ngx_event_core_module",
    ),
    d(
        "access_log",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF | ctx::HTTP_LMT,
        args::ONE_OR_MORE,
        "ngx_http_log_module",
    ),
    d(
        "access_log",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_log_module",
    ),
    d(
        "add_after_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_addition_filter_module",
    ),
    d(
        "add_before_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_addition_filter_module",
    ),
    d(
        "add_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE23,
        "ngx_http_headers_filter_module",
    ),
    d(
        "add_trailer",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE23,
        "ngx_http_headers_filter_module",
    ),
    d(
        "addition_types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_addition_filter_module",
    ),
    d(
        "aio",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "aio_write",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d("alias", ctx::HTTP_LOC, args::TAKE1, "ngx_http_core_module"),
    d(
        "allow",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LMT,
        args::TAKE1,
        "ngx_http_access_module",
    ),
    d(
        "allow",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_access_module",
    ),
    d(
        "ancient_browser",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_browser_module",
    ),
    d(
        "ancient_browser_value",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_browser_module",
    ),
    d(
        "auth_basic",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LMT,
        args::TAKE1,
        "ngx_http_auth_basic_module",
    ),
    d(
        "auth_basic_user_file",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LMT,
        args::TAKE1,
        "ngx_http_auth_basic_module",
    ),
    d(
        "auth_delay",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "auth_http",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_auth_http_module",
    ),
    d(
        "auth_http_header",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE2,
        "ngx_mail_auth_http_module",
    ),
    d(
        "auth_http_pass_client_cert",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_auth_http_module",
    ),
    d(
        "auth_http_timeout",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_auth_http_module",
    ),
    d(
        "auth_request",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_auth_request_module",
    ),
    d(
        "auth_request_set",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_auth_request_module",
    ),
    d(
        "autoindex",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_autoindex_module",
    ),
    d(
        "autoindex_exact_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_autoindex_module",
    ),
    d(
        "autoindex_format",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_autoindex_module",
    ),
    d(
        "autoindex_localtime",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_autoindex_module",
    ),
    d(
        "break",
        ctx::HTTP_SRV | ctx::HTTP_SIF | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::NOARGS,
        "ngx_http_rewrite_module",
    ),
    d(
        "charset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_charset_filter_module",
    ),
    d(
        "charset_map",
        ctx::HTTP_MAIN,
        args::BLOCK | args::TAKE2,
        "ngx_http_charset_filter_module",
    ),
    d(
        "charset_types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_charset_filter_module",
    ),
    d(
        "chunked_transfer_encoding",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "client_body_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "client_body_in_file_only",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "client_body_in_single_buffer",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "client_body_temp_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_core_module",
    ),
    d(
        "client_body_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "client_header_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "client_header_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "client_max_body_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "connection_pool_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "create_full_put_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_dav_module",
    ),
    d("daemon", ctx::MAIN, args::FLAG, "ngx_core_module"),
    d(
        "dav_access",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_dav_module",
    ),
    d(
        "dav_methods",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_dav_module",
    ),
    d(
        "debug_connection",
        ctx::EVENT,
        args::TAKE1,
        "ngx_event_core_module",
    ),
    d("debug_points", ctx::MAIN, args::TAKE1, "ngx_core_module"),
    d(
        "default_type",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "deny",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LMT,
        args::TAKE1,
        "ngx_http_access_module",
    ),
    d(
        "deny",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_access_module",
    ),
    d(
        "directio",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "directio_alignment",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "disable_symlinks",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_core_module",
    ),
    d(
        "empty_gif",
        ctx::HTTP_LOC,
        args::NOARGS,
        "ngx_http_empty_gif_module",
    ),
    d("env", ctx::MAIN, args::TAKE1, "ngx_core_module"),
    d("epoll_events", ctx::EVENT, args::TAKE1, "ngx_epoll_module"),
    d(
        "error_log",
        ctx::MAIN,
        args::ONE_OR_MORE,
        "ngx_errlog_module",
    ),
    d(
        "error_log",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "error_log",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_core_module",
    ),
    d(
        "error_log",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_core_module",
    ),
    d(
        "error_page",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TWO_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "etag",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "events",
        ctx::MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_events_module",
    ),
    d(
        "expires",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE12,
        "ngx_http_headers_filter_module",
    ),
    d(
        "fastcgi_bind",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_busy_buffers_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_background_update",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_bypass",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_lock",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_lock_age",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_lock_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_max_range_offset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_methods",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_min_uses",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_path",
        ctx::HTTP_MAIN,
        args::TWO_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_revalidate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_use_stale",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_cache_valid",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_catch_stderr",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_connect_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_force_ranges",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_hide_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_ignore_client_abort",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_ignore_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_index",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_intercept_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_keep_conn",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_limit_rate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_max_temp_file_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_next_upstream",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_next_upstream_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_next_upstream_tries",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_no_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_param",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE23,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_pass",
        ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_pass_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_pass_request_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_pass_request_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_read_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_request_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_send_lowat",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_socket_keepalive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_split_path_info",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_store",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_store_access",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_temp_file_write_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_fastcgi_module",
    ),
    d(
        "fastcgi_temp_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_fastcgi_module",
    ),
    d("flv", ctx::HTTP_LOC, args::NOARGS, "ngx_http_flv_module"),
    d(
        "geo",
        ctx::HTTP_MAIN,
        args::BLOCK | args::TAKE12,
        "ngx_http_geo_module",
    ),
    d(
        "geo",
        ctx::STREAM_MAIN,
        args::BLOCK | args::TAKE12,
        "ngx_stream_geo_module",
    ),
    d(
        "geoip_city",
        ctx::HTTP_MAIN,
        args::TAKE12,
        "ngx_http_geoip_module",
    ),
    d(
        "geoip_city",
        ctx::STREAM_MAIN,
        args::TAKE12,
        "ngx_stream_geoip_module",
    ),
    d(
        "geoip_country",
        ctx::HTTP_MAIN,
        args::TAKE12,
        "ngx_http_geoip_module",
    ),
    d(
        "geoip_country",
        ctx::STREAM_MAIN,
        args::TAKE12,
        "ngx_stream_geoip_module",
    ),
    d(
        "geoip_org",
        ctx::HTTP_MAIN,
        args::TAKE12,
        "ngx_http_geoip_module",
    ),
    d(
        "geoip_org",
        ctx::STREAM_MAIN,
        args::TAKE12,
        "ngx_stream_geoip_module",
    ),
    d(
        "geoip_proxy",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_geoip_module",
    ),
    d(
        "geoip_proxy_recursive",
        ctx::HTTP_MAIN,
        args::FLAG,
        "ngx_http_geoip_module",
    ),
    d(
        "grpc_bind",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_connect_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_hide_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ignore_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_intercept_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_next_upstream",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_next_upstream_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_next_upstream_tries",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_pass",
        ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_pass_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_read_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_set_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_socket_keepalive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_certificate_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_ciphers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_conf_command",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_crl",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_password_file",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_protocols",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_server_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_session_reuse",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_trusted_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_verify",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_grpc_module",
    ),
    d(
        "grpc_ssl_verify_depth",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_grpc_module",
    ),
    d(
        "gunzip",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_gunzip_filter_module",
    ),
    d(
        "gunzip_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_gunzip_filter_module",
    ),
    d(
        "gzip",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::FLAG,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_comp_level",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_disable",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "gzip_hash",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_http_version",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "gzip_min_length",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_no_buffer",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_proxied",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "gzip_static",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_gzip_static_module",
    ),
    d(
        "gzip_types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "gzip_vary",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "gzip_window",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "hash",
        ctx::HTTP_UPS,
        args::TAKE12,
        "ngx_http_upstream_hash_module",
    ),
    d(
        "hash",
        ctx::STREAM_UPS,
        args::TAKE12,
        "ngx_stream_upstream_hash_module",
    ),
    d(
        "http",
        ctx::MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_http_module",
    ),
    d(
        "http2",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_v2_module",
    ), // only in 1.26.3
    d(
        "http2_body_preread_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_chunk_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_idle_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_max_concurrent_pushes",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_max_concurrent_streams",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_max_field_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_max_header_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_max_requests",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_pool_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_push",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_push_preload",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_v2_module",
    ),
    d(
        "http2_recv_buffer_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_recv_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http2_streams_index_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v2_module",
    ),
    d(
        "http3",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "http3_hq",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "http3_max_concurrent_streams",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "http3_stream_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "if",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::BLOCK | args::ONE_OR_MORE,
        "ngx_http_rewrite_module",
    ),
    d(
        "if_modified_since",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "ignore_invalid_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "image_filter",
        ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_image_filter_module",
    ),
    d(
        "image_filter_buffer",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_image_filter_module",
    ),
    d(
        "image_filter_interlace",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_image_filter_module",
    ),
    d(
        "image_filter_jpeg_quality",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_image_filter_module",
    ),
    d(
        "image_filter_sharpen",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_image_filter_module",
    ),
    d(
        "image_filter_transparency",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_image_filter_module",
    ),
    d(
        "image_filter_webp_quality",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_image_filter_module",
    ),
    d(
        "imap_auth",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_imap_module",
    ),
    d(
        "imap_capabilities",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_imap_module",
    ),
    d(
        "imap_client_buffer",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_imap_module",
    ),
    d("include", ctx::ANY, args::TAKE1, "ngx_conf_module"),
    d(
        "index",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_index_module",
    ),
    d(
        "internal",
        ctx::HTTP_LOC,
        args::NOARGS,
        "ngx_http_core_module",
    ),
    d(
        "ip_hash",
        ctx::HTTP_UPS,
        args::NOARGS,
        "ngx_http_upstream_ip_hash_module",
    ),
    d(
        "keepalive",
        ctx::HTTP_UPS,
        args::TAKE1,
        "ngx_http_upstream_keepalive_module",
    ),
    d(
        "keepalive_disable",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_core_module",
    ),
    d(
        "keepalive_requests",
        ctx::HTTP_UPS,
        args::TAKE1,
        "ngx_http_upstream_keepalive_module",
    ),
    d(
        "keepalive_requests",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "keepalive_time",
        ctx::HTTP_UPS,
        args::TAKE1,
        "ngx_http_upstream_keepalive_module",
    ),
    d(
        "keepalive_time",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "keepalive_timeout",
        ctx::HTTP_UPS,
        args::TAKE1,
        "ngx_http_upstream_keepalive_module",
    ),
    d(
        "keepalive_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_core_module",
    ),
    d(
        "large_client_header_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE2,
        "ngx_http_core_module",
    ),
    d(
        "least_conn",
        ctx::HTTP_UPS,
        args::NOARGS,
        "ngx_http_upstream_least_conn_module",
    ),
    d(
        "least_conn",
        ctx::STREAM_UPS,
        args::NOARGS,
        "ngx_stream_upstream_least_conn_module",
    ),
    d(
        "limit_conn",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_limit_conn_module",
    ),
    d(
        "limit_conn",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE2,
        "ngx_stream_limit_conn_module",
    ),
    d(
        "limit_conn_dry_run",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_limit_conn_module",
    ),
    d(
        "limit_conn_dry_run",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_limit_conn_module",
    ),
    d(
        "limit_conn_log_level",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_limit_conn_module",
    ),
    d(
        "limit_conn_log_level",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_limit_conn_module",
    ),
    d(
        "limit_conn_status",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_limit_conn_module",
    ),
    d(
        "limit_conn_zone",
        ctx::HTTP_MAIN,
        args::TAKE2,
        "ngx_http_limit_conn_module",
    ),
    d(
        "limit_conn_zone",
        ctx::STREAM_MAIN,
        args::TAKE2,
        "ngx_stream_limit_conn_module",
    ),
    d(
        "limit_except",
        ctx::HTTP_LOC,
        args::BLOCK | args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "limit_rate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "limit_rate_after",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "limit_req",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_limit_req_module",
    ),
    d(
        "limit_req_dry_run",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_limit_req_module",
    ),
    d(
        "limit_req_log_level",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_limit_req_module",
    ),
    d(
        "limit_req_status",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_limit_req_module",
    ),
    d(
        "limit_req_zone",
        ctx::HTTP_MAIN,
        args::TAKE3,
        "ngx_http_limit_req_module",
    ),
    d(
        "lingering_close",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "lingering_time",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "lingering_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "listen",
        ctx::HTTP_SRV,
        args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "listen",
        ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_core_module",
    ),
    d(
        "listen",
        ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_core_module",
    ),
    d("load_module", ctx::MAIN, args::TAKE1, "ngx_core_module"),
    d(
        "location",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::BLOCK | args::TAKE12,
        "ngx_http_core_module",
    ),
    d("lock_file", ctx::MAIN, args::TAKE1, "ngx_core_module"),
    d(
        "log_format",
        ctx::HTTP_MAIN,
        args::TWO_OR_MORE,
        "ngx_http_log_module",
    ),
    d(
        "log_format",
        ctx::STREAM_MAIN,
        args::TWO_OR_MORE,
        "ngx_stream_log_module",
    ),
    d(
        "log_not_found",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "log_subrequest",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "mail",
        ctx::MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_mail_module",
    ),
    d(
        "map",
        ctx::HTTP_MAIN,
        args::BLOCK | args::TAKE2,
        "ngx_http_map_module",
    ),
    d(
        "map",
        ctx::STREAM_MAIN,
        args::BLOCK | args::TAKE2,
        "ngx_stream_map_module",
    ),
    d(
        "map_hash_bucket_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_map_module",
    ),
    d(
        "map_hash_bucket_size",
        ctx::STREAM_MAIN,
        args::TAKE1,
        "ngx_stream_map_module",
    ),
    d(
        "map_hash_max_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_map_module",
    ),
    d(
        "map_hash_max_size",
        ctx::STREAM_MAIN,
        args::TAKE1,
        "ngx_stream_map_module",
    ),
    d("master_process", ctx::MAIN, args::FLAG, "ngx_core_module"),
    d(
        "max_errors",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_core_module",
    ),
    d(
        "max_ranges",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "memcached_bind",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_connect_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_gzip_flag",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_next_upstream",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_next_upstream_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_next_upstream_tries",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_pass",
        ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_read_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_memcached_module",
    ),
    d(
        "memcached_socket_keepalive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_memcached_module",
    ),
    d(
        "merge_slashes",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "min_delete_depth",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_dav_module",
    ),
    d(
        "mirror",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_mirror_module",
    ),
    d(
        "mirror_request_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_mirror_module",
    ),
    d(
        "modern_browser",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_browser_module",
    ),
    d(
        "modern_browser_value",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_browser_module",
    ),
    d("mp4", ctx::HTTP_LOC, args::NOARGS, "ngx_http_mp4_module"),
    d(
        "mp4_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_mp4_module",
    ),
    d(
        "mp4_max_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_mp4_module",
    ),
    d(
        "mp4_start_key_frame",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_mp4_module",
    ),
    d(
        "msie_padding",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "msie_refresh",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "multi_accept",
        ctx::EVENT,
        args::FLAG,
        "ngx_event_core_module",
    ),
    d(
        "open_file_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_core_module",
    ),
    d(
        "open_file_cache_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "open_file_cache_events",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "open_file_cache_min_uses",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "open_file_cache_valid",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "open_log_file_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_log_module",
    ),
    d(
        "open_log_file_cache",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1234,
        "ngx_stream_log_module",
    ),
    d(
        "output_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_copy_filter_module",
    ),
    d(
        "override_charset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::FLAG,
        "ngx_http_charset_filter_module",
    ),
    d(
        "pass",
        ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_pass_module",
    ), // only in 1.26.3
    d("pcre_jit", ctx::MAIN, args::FLAG, "ngx_regex_module"),
    d(
        "perl",
        ctx::HTTP_LOC | ctx::HTTP_LMT,
        args::TAKE1,
        "ngx_http_perl_module",
    ),
    d(
        "perl_modules",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_perl_module",
    ),
    d(
        "perl_require",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_perl_module",
    ),
    d(
        "perl_set",
        ctx::HTTP_MAIN,
        args::TAKE2,
        "ngx_http_perl_module",
    ),
    d("pid", ctx::MAIN, args::TAKE1, "ngx_core_module"),
    d(
        "pop3_auth",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_pop3_module",
    ),
    d(
        "pop3_capabilities",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_pop3_module",
    ),
    d(
        "port_in_redirect",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "post_action",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "postpone_gzipping",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_gzip_filter_module",
    ),
    d(
        "postpone_output",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "preread_buffer_size",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_core_module",
    ),
    d(
        "preread_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_core_module",
    ),
    d(
        "protocol",
        ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_core_module",
    ),
    d(
        "proxy",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_proxy_module",
    ),
    d(
        "proxy_bind",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_bind",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE12,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_buffer",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_proxy_module",
    ),
    d(
        "proxy_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_buffer_size",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_busy_buffers_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_background_update",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_bypass",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_convert_head",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_lock",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_lock_age",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_lock_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_max_range_offset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_methods",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_min_uses",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_path",
        ctx::HTTP_MAIN,
        args::TWO_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_revalidate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_use_stale",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cache_valid",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_connect_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_connect_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_cookie_domain",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cookie_flags",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_cookie_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_download_rate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_downstream_buffer",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_force_ranges",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_half_close",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_headers_hash_bucket_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_headers_hash_max_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_hide_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_http_version",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ignore_client_abort",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ignore_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_intercept_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_limit_rate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_max_temp_file_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_method",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_next_upstream",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_next_upstream",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_next_upstream_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_next_upstream_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_next_upstream_tries",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_next_upstream_tries",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_no_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_pass",
        ctx::HTTP_LOC | ctx::HTTP_LIF | ctx::HTTP_LMT,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_pass",
        ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_pass_error_message",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_proxy_module",
    ),
    d(
        "proxy_pass_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_pass_request_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_pass_request_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_protocol",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_proxy_module",
    ),
    d(
        "proxy_protocol",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_protocol_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_core_module",
    ),
    d(
        "proxy_read_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_redirect",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_request_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_requests",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_responses",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_send_lowat",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_set_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_set_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_smtp_auth",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_proxy_module",
    ),
    d(
        "proxy_socket_keepalive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_socket_keepalive",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_certificate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_certificate_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_certificate_key",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_ciphers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_ciphers",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_conf_command",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_conf_command",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE2,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_crl",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_crl",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_name",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_password_file",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_password_file",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_protocols",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_protocols",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_server_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_server_name",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_session_reuse",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_session_reuse",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_trusted_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_trusted_certificate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_verify",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_verify",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_ssl_verify_depth",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_ssl_verify_depth",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_store",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_store_access",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_temp_file_write_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_temp_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_proxy_module",
    ),
    d(
        "proxy_timeout",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_proxy_module",
    ),
    d(
        "proxy_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_upload_rate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "proxy_upstream_buffer",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_proxy_module",
    ),
    d(
        "quic_active_connection_id_limit",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d("quic_bpf", ctx::MAIN, args::FLAG, "ngx_quic_bpf_module"), // only in 1.26.3
    d(
        "quic_gso",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "quic_host_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "quic_retry",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_v3_module",
    ), // only in 1.26.3
    d(
        "random",
        ctx::HTTP_UPS,
        args::NOARGS | args::TAKE12,
        "ngx_http_upstream_random_module",
    ),
    d(
        "random",
        ctx::STREAM_UPS,
        args::NOARGS | args::TAKE12,
        "ngx_stream_upstream_random_module",
    ),
    d(
        "random_index",
        ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_random_index_module",
    ),
    d(
        "read_ahead",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "real_ip_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_realip_module",
    ),
    d(
        "real_ip_recursive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_realip_module",
    ),
    d(
        "recursive_error_pages",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "referer_hash_bucket_size",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_referer_module",
    ),
    d(
        "referer_hash_max_size",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_referer_module",
    ),
    d(
        "request_pool_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "reset_timedout_connection",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "resolver",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "resolver",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_core_module",
    ),
    d(
        "resolver",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_core_module",
    ),
    d(
        "resolver_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "resolver_timeout",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_core_module",
    ),
    d(
        "resolver_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_core_module",
    ),
    d(
        "return",
        ctx::HTTP_SRV | ctx::HTTP_SIF | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE12,
        "ngx_http_rewrite_module",
    ),
    d(
        "return",
        ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_return_module",
    ),
    d(
        "rewrite",
        ctx::HTTP_SRV | ctx::HTTP_SIF | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE23,
        "ngx_http_rewrite_module",
    ),
    d(
        "rewrite_log",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_SIF | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::FLAG,
        "ngx_http_rewrite_module",
    ),
    d(
        "root",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "satisfy",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "scgi_bind",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_busy_buffers_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_background_update",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_bypass",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_lock",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_lock_age",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_lock_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_max_range_offset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_methods",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_min_uses",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_path",
        ctx::HTTP_MAIN,
        args::TWO_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_revalidate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_use_stale",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_cache_valid",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_connect_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_force_ranges",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_hide_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_ignore_client_abort",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_ignore_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_intercept_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_limit_rate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_max_temp_file_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_next_upstream",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_next_upstream_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_next_upstream_tries",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_no_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_param",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE23,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_pass",
        ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_pass_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_pass_request_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_pass_request_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_read_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_request_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_socket_keepalive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_store",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_store_access",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_temp_file_write_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_scgi_module",
    ),
    d(
        "scgi_temp_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_scgi_module",
    ),
    d(
        "secure_link",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_secure_link_module",
    ),
    d(
        "secure_link_md5",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_secure_link_module",
    ),
    d(
        "secure_link_secret",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_secure_link_module",
    ),
    d(
        "send_lowat",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "sendfile",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "sendfile_max_chunk",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "server",
        ctx::HTTP_MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_http_core_module",
    ),
    d(
        "server",
        ctx::HTTP_UPS,
        args::ONE_OR_MORE,
        "ngx_http_upstream_module",
    ),
    d(
        "server",
        ctx::MAIL_MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_mail_core_module",
    ),
    d(
        "server",
        ctx::STREAM_MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_stream_core_module",
    ),
    d(
        "server",
        ctx::STREAM_UPS,
        args::ONE_OR_MORE,
        "ngx_stream_upstream_module",
    ),
    d(
        "server_name",
        ctx::HTTP_SRV,
        args::ONE_OR_MORE,
        "ngx_http_core_module",
    ),
    d(
        "server_name",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_core_module",
    ),
    d(
        "server_name",
        ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_core_module",
    ), // only in 1.26.3
    d(
        "server_name_in_redirect",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "server_names_hash_bucket_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "server_names_hash_bucket_size",
        ctx::STREAM_MAIN,
        args::TAKE1,
        "ngx_stream_core_module",
    ), // only in 1.26.3
    d(
        "server_names_hash_max_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "server_names_hash_max_size",
        ctx::STREAM_MAIN,
        args::TAKE1,
        "ngx_stream_core_module",
    ), // only in 1.26.3
    d(
        "server_tokens",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "set",
        ctx::HTTP_SRV | ctx::HTTP_SIF | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE2,
        "ngx_http_rewrite_module",
    ),
    d("set", ctx::STREAM_SRV, args::TAKE2, "ngx_stream_set_module"),
    d(
        "set_real_ip_from",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_realip_module",
    ),
    d(
        "set_real_ip_from",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_realip_module",
    ),
    d(
        "set_real_ip_from",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_realip_module",
    ),
    d(
        "slice",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_slice_filter_module",
    ),
    d(
        "smtp_auth",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_smtp_module",
    ),
    d(
        "smtp_capabilities",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_smtp_module",
    ),
    d(
        "smtp_client_buffer",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_smtp_module",
    ),
    d(
        "smtp_greeting_delay",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_smtp_module",
    ),
    d(
        "source_charset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_charset_filter_module",
    ),
    d(
        "split_clients",
        ctx::HTTP_MAIN,
        args::BLOCK | args::TAKE2,
        "ngx_http_split_clients_module",
    ),
    d(
        "split_clients",
        ctx::STREAM_MAIN,
        args::BLOCK | args::TAKE2,
        "ngx_stream_split_clients_module",
    ),
    d(
        "ssi",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::FLAG,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssi_ignore_recycled_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssi_last_modified",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssi_min_file_chunk",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssi_silent_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssi_types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssi_value_length",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_ssi_filter_module",
    ),
    d(
        "ssl",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ), // only in 1.22.1, 1.24.0
    d(
        "ssl",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_ssl_module",
    ), // only in 1.22.1, 1.24.0
    d(
        "ssl_alpn",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_certificate",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_certificate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_certificate_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_certificate_key",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_certificate_key",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_ciphers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_ciphers",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_ciphers",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_client_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_client_certificate",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_client_certificate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_conf_command",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE2,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_conf_command",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE2,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_conf_command",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE2,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_crl",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_crl",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_crl",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_dhparam",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_dhparam",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_dhparam",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_early_data",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_ecdh_curve",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_ecdh_curve",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_ecdh_curve",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d("ssl_engine", ctx::MAIN, args::TAKE1, "ngx_openssl_module"),
    d(
        "ssl_handshake_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_ocsp",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_ocsp_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_ocsp_responder",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_password_file",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_password_file",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_password_file",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_prefer_server_ciphers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_prefer_server_ciphers",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_prefer_server_ciphers",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_preread",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_ssl_preread_module",
    ),
    d(
        "ssl_protocols",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::ONE_OR_MORE,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_protocols",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::ONE_OR_MORE,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_protocols",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::ONE_OR_MORE,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_reject_handshake",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_reject_handshake",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_ssl_module",
    ), // only in 1.26.3
    d(
        "ssl_session_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE12,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_session_cache",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE12,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_session_cache",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE12,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_session_ticket_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_session_ticket_key",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_session_ticket_key",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_session_tickets",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_session_tickets",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_session_tickets",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_session_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_session_timeout",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_session_timeout",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_stapling",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_stapling_file",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_stapling_responder",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_stapling_verify",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_trusted_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_trusted_certificate",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_trusted_certificate",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_verify_client",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_verify_client",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_verify_client",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "ssl_verify_depth",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::TAKE1,
        "ngx_http_ssl_module",
    ),
    d(
        "ssl_verify_depth",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "ssl_verify_depth",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::TAKE1,
        "ngx_stream_ssl_module",
    ),
    d(
        "starttls",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_ssl_module",
    ),
    d(
        "stream",
        ctx::MAIN,
        args::BLOCK | args::NOARGS,
        "ngx_stream_module",
    ),
    d(
        "stub_status",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::NOARGS | args::TAKE1,
        "ngx_http_stub_status_module",
    ),
    d(
        "sub_filter",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_sub_filter_module",
    ),
    d(
        "sub_filter_last_modified",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_sub_filter_module",
    ),
    d(
        "sub_filter_once",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_sub_filter_module",
    ),
    d(
        "sub_filter_types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_sub_filter_module",
    ),
    d(
        "subrequest_output_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "tcp_nodelay",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "tcp_nodelay",
        ctx::STREAM_MAIN | ctx::STREAM_SRV,
        args::FLAG,
        "ngx_stream_core_module",
    ),
    d(
        "tcp_nopush",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "thread_pool",
        ctx::MAIN,
        args::TAKE23,
        "ngx_thread_pool_module",
    ),
    d(
        "timeout",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::TAKE1,
        "ngx_mail_core_module",
    ),
    d(
        "timer_resolution",
        ctx::MAIN,
        args::TAKE1,
        "ngx_core_module",
    ),
    d(
        "try_files",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TWO_OR_MORE,
        "ngx_http_try_files_module",
    ),
    d(
        "types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::BLOCK | args::NOARGS,
        "ngx_http_core_module",
    ),
    d(
        "types_hash_bucket_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "types_hash_max_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "underscores_in_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV,
        args::FLAG,
        "ngx_http_core_module",
    ),
    d(
        "uninitialized_variable_warn",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_SIF | ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::FLAG,
        "ngx_http_rewrite_module",
    ),
    d(
        "upstream",
        ctx::HTTP_MAIN,
        args::BLOCK | args::TAKE1,
        "ngx_http_upstream_module",
    ),
    d(
        "upstream",
        ctx::STREAM_MAIN,
        args::BLOCK | args::TAKE1,
        "ngx_stream_upstream_module",
    ),
    d("use", ctx::EVENT, args::TAKE1, "ngx_event_core_module"),
    d("user", ctx::MAIN, args::TAKE12, "ngx_core_module"),
    d(
        "userid",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_domain",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_expires",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_flags",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_mark",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_p3p",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "userid_service",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_userid_filter_module",
    ),
    d(
        "uwsgi_bind",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE12,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_buffer_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_buffers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_busy_buffers_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_background_update",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_bypass",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_lock",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_lock_age",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_lock_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_max_range_offset",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_methods",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_min_uses",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_path",
        ctx::HTTP_MAIN,
        args::TWO_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_revalidate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_use_stale",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_cache_valid",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_connect_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_force_ranges",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_hide_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ignore_client_abort",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ignore_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_intercept_errors",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_limit_rate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_max_temp_file_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_modifier1",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_modifier2",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_next_upstream",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_next_upstream_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_next_upstream_tries",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_no_cache",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_param",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE23,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_pass",
        ctx::HTTP_LOC | ctx::HTTP_LIF,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_pass_header",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_pass_request_body",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_pass_request_headers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_read_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_request_buffering",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_send_timeout",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_socket_keepalive",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_certificate_key",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_ciphers",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_conf_command",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_crl",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_password_file",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_protocols",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_server_name",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_session_reuse",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_trusted_certificate",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_verify",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_ssl_verify_depth",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_store",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_store_access",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE123,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_string",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_temp_file_write_size",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_uwsgi_module",
    ),
    d(
        "uwsgi_temp_path",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1234,
        "ngx_http_uwsgi_module",
    ),
    d(
        "valid_referers",
        ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_referer_module",
    ),
    d(
        "variables_hash_bucket_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "variables_hash_bucket_size",
        ctx::STREAM_MAIN,
        args::TAKE1,
        "ngx_stream_core_module",
    ),
    d(
        "variables_hash_max_size",
        ctx::HTTP_MAIN,
        args::TAKE1,
        "ngx_http_core_module",
    ),
    d(
        "variables_hash_max_size",
        ctx::STREAM_MAIN,
        args::TAKE1,
        "ngx_stream_core_module",
    ),
    d(
        "worker_aio_requests",
        ctx::EVENT,
        args::TAKE1,
        "ngx_epoll_module",
    ),
    d(
        "worker_connections",
        ctx::EVENT,
        args::TAKE1,
        "ngx_event_core_module",
    ),
    d(
        "worker_cpu_affinity",
        ctx::MAIN,
        args::ONE_OR_MORE,
        "ngx_core_module",
    ),
    d("worker_priority", ctx::MAIN, args::TAKE1, "ngx_core_module"),
    d(
        "worker_processes",
        ctx::MAIN,
        args::TAKE1,
        "ngx_core_module",
    ),
    d(
        "worker_rlimit_core",
        ctx::MAIN,
        args::TAKE1,
        "ngx_core_module",
    ),
    d(
        "worker_rlimit_nofile",
        ctx::MAIN,
        args::TAKE1,
        "ngx_core_module",
    ),
    d(
        "worker_shutdown_timeout",
        ctx::MAIN,
        args::TAKE1,
        "ngx_core_module",
    ),
    d(
        "working_directory",
        ctx::MAIN,
        args::TAKE1,
        "ngx_core_module",
    ),
    d(
        "xclient",
        ctx::MAIL_MAIN | ctx::MAIL_SRV,
        args::FLAG,
        "ngx_mail_proxy_module",
    ),
    d(
        "xml_entities",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE1,
        "ngx_http_xslt_filter_module",
    ),
    d(
        "xslt_last_modified",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::FLAG,
        "ngx_http_xslt_filter_module",
    ),
    d(
        "xslt_param",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_xslt_filter_module",
    ),
    d(
        "xslt_string_param",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::TAKE2,
        "ngx_http_xslt_filter_module",
    ),
    d(
        "xslt_stylesheet",
        ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_xslt_filter_module",
    ),
    d(
        "xslt_types",
        ctx::HTTP_MAIN | ctx::HTTP_SRV | ctx::HTTP_LOC,
        args::ONE_OR_MORE,
        "ngx_http_xslt_filter_module",
    ),
    d(
        "zone",
        ctx::HTTP_UPS,
        args::TAKE12,
        "ngx_http_upstream_zone_module",
    ),
    d(
        "zone",
        ctx::STREAM_UPS,
        args::TAKE12,
        "ngx_stream_upstream_zone_module",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_for_binary_search() {
        assert!(DIRECTIVES.windows(2).all(|w| w[0].name <= w[1].name));
    }

    #[test]
    fn one_entry_per_name_and_context() {
        for w in DIRECTIVES.windows(2) {
            if w[0].name == w[1].name {
                assert_eq!(w[0].contexts & w[1].contexts, 0, "{}", w[0].name);
            }
        }
        // Non-adjacent duplicates: three `server` entries and more.
        for (i, a) in DIRECTIVES.iter().enumerate() {
            for b in &DIRECTIVES[i + 1..] {
                if a.name != b.name {
                    break;
                }
                assert_eq!(a.contexts & b.contexts, 0, "{}", a.name);
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup("server").len(), 5);
        assert!(lookup("no_such_directive").is_empty());
        let rw = find("rewrite", ctx::HTTP_LIF).unwrap();
        assert!(!rw.accepts_arg_count(1));
        assert!(rw.accepts_arg_count(2) && rw.accepts_arg_count(3));
        assert!(!rw.accepts_arg_count(4));
        assert_eq!(rw.expected_args(), "2 or 3 arguments");
        assert!(find("server", ctx::HTTP_MAIN).unwrap().is_block());
        assert!(!find("server", ctx::HTTP_UPS).unwrap().is_block());
        assert_eq!(
            find("gzip", ctx::HTTP_LIF).unwrap().expected_args(),
            "exactly 1 argument (`on` or `off`)"
        );
        assert_eq!(
            find("http", ctx::MAIN).unwrap().expected_args(),
            "no arguments"
        );
        assert_eq!(
            find("user", ctx::MAIN).unwrap().expected_args(),
            "1 or 2 arguments"
        );
        assert_eq!(
            find("location", ctx::HTTP_SRV).unwrap().expected_args(),
            "1 or 2 arguments"
        );
        assert_eq!(
            find("random", ctx::HTTP_UPS).unwrap().expected_args(),
            "0, 1 or 2 arguments"
        );
        assert!(find("location", ctx::HTTP_MAIN).is_none());
        assert_eq!(
            find("include", ctx::EVENT).unwrap().module,
            "ngx_conf_module"
        );
    }
}
