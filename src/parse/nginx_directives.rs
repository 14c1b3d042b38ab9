//! Every directive of the nginx modules that Debian builds (statically, or
//! as the `libnginx-mod-{mail,stream,stream-geoip,http-geoip,http-image-filter,
//! http-perl,http-xslt-filter}` packages), with where it may appear and how
//! many arguments it takes, as declared in each module's `ngx_command_t`
//! array.
//!
//! Read from the nginx/nginx sources at every release tag from
//! `release-1.18.0` to `release-1.29.8` (the corpus oracle runs 1.22.1).
//! A directive present in any of them is listed; [`RELEASES`] says which
//! releases have the entries that some lack (`http2` since 1.25.1,
//! `server_name` in `stream` since 1.25.5, `resolver` in `upstream` since
//! 1.27.3, `ssl` gone in 1.25.1...). No entry changed its contexts or
//! argument flags over those releases. Left out: event methods Linux lacks
//! (kqueue, devpoll, eventport, iocp), the degradation and
//! google_perftools modules (not built by Debian), the `spdy_*` directives
//! (gone in 1.19.7), and third-party modules: their directives are simply
//! unknown here, which the checks treat as "say nothing".
//!
//! A name may appear several times (`server` in http, upstream, stream,
//! mail...): nginx picks the first entry, in module order, whose context
//! matches, and entries of one name never share a context.

use crate::values::release::Release;

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
    pub const ANY_CONF: u32 = (1 << 14) - 1;
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
    pub const ANY_ARGS: u32 = 0x0400;
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
        if a & args::ANY_ARGS != 0 {
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
        if a & args::ANY_ARGS != 0 {
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

/// The releases the table was read from: outside them, which entries
/// exist is not known, and every entry counts.
pub const FIRST_READ: Release = Release(1, 18, 0);
pub const LAST_READ: Release = Release(1, 29, 8);

/// The entries that some releases between [`FIRST_READ`] and
/// [`LAST_READ`] lack: name, module, the first release that has it
/// (`0.0.0`: 1.18.0 or before) and the first that no longer does. Every
/// other entry is in all of them.
#[rustfmt::skip]
pub static RELEASES: &[(&str, &str, Release, Option<Release>)] = &[
    ("add_header_inherit", "ngx_http_headers_filter_module", Release(1, 29, 3), None),
    ("add_trailer_inherit", "ngx_http_headers_filter_module", Release(1, 29, 3), None),
    ("early_hints", "ngx_http_core_module", Release(1, 29, 0), None),
    ("grpc_ssl_certificate_cache", "ngx_http_grpc_module", Release(1, 27, 4), None),
    ("grpc_ssl_conf_command", "ngx_http_grpc_module", Release(1, 19, 4), None),
    ("http2", "ngx_http_v2_module", Release(1, 25, 1), None),
    ("http3", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("http3_hq", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("http3_max_concurrent_streams", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("http3_stream_buffer_size", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("keepalive_min_timeout", "ngx_http_core_module", Release(1, 27, 4), None),
    ("keepalive_time", "ngx_http_core_module", Release(1, 19, 10), None),
    ("keepalive_time", "ngx_http_upstream_keepalive_module", Release(1, 19, 10), None),
    ("max_errors", "ngx_mail_core_module", Release(1, 21, 0), None),
    ("max_headers", "ngx_http_core_module", Release(1, 29, 8), None),
    ("mp4_start_key_frame", "ngx_http_mp4_module", Release(1, 21, 4), None),
    ("pass", "ngx_stream_pass_module", Release(1, 25, 5), None),
    ("proxy_cookie_flags", "ngx_http_proxy_module", Release(1, 19, 3), None),
    ("proxy_half_close", "ngx_stream_proxy_module", Release(1, 21, 4), None),
    ("proxy_pass_trailers", "ngx_http_proxy_module", Release(1, 27, 2), None),
    ("proxy_protocol", "ngx_mail_proxy_module", Release(1, 19, 8), None),
    ("proxy_smtp_auth", "ngx_mail_proxy_module", Release(1, 19, 4), None),
    ("proxy_ssl_certificate_cache", "ngx_http_proxy_module", Release(1, 27, 4), None),
    ("proxy_ssl_certificate_cache", "ngx_stream_proxy_module", Release(1, 27, 4), None),
    ("proxy_ssl_conf_command", "ngx_http_proxy_module", Release(1, 19, 4), None),
    ("proxy_ssl_conf_command", "ngx_stream_proxy_module", Release(1, 19, 4), None),
    ("quic_active_connection_id_limit", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("quic_bpf", "ngx_quic_bpf_module", Release(1, 25, 0), None),
    ("quic_gso", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("quic_host_key", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("quic_retry", "ngx_http_v3_module", Release(1, 25, 0), None),
    ("resolver", "ngx_http_upstream_module", Release(1, 27, 3), None),
    ("resolver", "ngx_stream_upstream_module", Release(1, 27, 3), None),
    ("resolver_timeout", "ngx_http_upstream_module", Release(1, 27, 3), None),
    ("resolver_timeout", "ngx_stream_upstream_module", Release(1, 27, 3), None),
    ("server_name", "ngx_stream_core_module", Release(1, 25, 5), None),
    ("server_names_hash_bucket_size", "ngx_stream_core_module", Release(1, 25, 5), None),
    ("server_names_hash_max_size", "ngx_stream_core_module", Release(1, 25, 5), None),
    ("set", "ngx_stream_set_module", Release(1, 19, 3), None),
    ("set_real_ip_from", "ngx_mail_realip_module", Release(1, 19, 8), None),
    ("ssl", "ngx_http_ssl_module", Release(0, 0, 0), Some(Release(1, 25, 1))),
    ("ssl", "ngx_mail_ssl_module", Release(0, 0, 0), Some(Release(1, 25, 1))),
    ("ssl_alpn", "ngx_stream_ssl_module", Release(1, 21, 4), None),
    ("ssl_certificate_cache", "ngx_http_ssl_module", Release(1, 27, 4), None),
    ("ssl_certificate_cache", "ngx_stream_ssl_module", Release(1, 27, 4), None),
    ("ssl_certificate_compression", "ngx_http_ssl_module", Release(1, 29, 1), None),
    ("ssl_certificate_compression", "ngx_mail_ssl_module", Release(1, 29, 1), None),
    ("ssl_certificate_compression", "ngx_stream_ssl_module", Release(1, 29, 1), None),
    ("ssl_conf_command", "ngx_http_ssl_module", Release(1, 19, 4), None),
    ("ssl_conf_command", "ngx_mail_ssl_module", Release(1, 19, 4), None),
    ("ssl_conf_command", "ngx_stream_ssl_module", Release(1, 19, 4), None),
    ("ssl_ech_file", "ngx_http_ssl_module", Release(1, 29, 4), None),
    ("ssl_ech_file", "ngx_stream_ssl_module", Release(1, 29, 4), None),
    ("ssl_ocsp", "ngx_http_ssl_module", Release(1, 19, 0), None),
    ("ssl_ocsp", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("ssl_ocsp_cache", "ngx_http_ssl_module", Release(1, 19, 0), None),
    ("ssl_ocsp_cache", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("ssl_ocsp_responder", "ngx_http_ssl_module", Release(1, 19, 0), None),
    ("ssl_ocsp_responder", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("ssl_reject_handshake", "ngx_http_ssl_module", Release(1, 19, 4), None),
    ("ssl_reject_handshake", "ngx_stream_ssl_module", Release(1, 25, 5), None),
    ("ssl_stapling", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("ssl_stapling_file", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("ssl_stapling_responder", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("ssl_stapling_verify", "ngx_stream_ssl_module", Release(1, 27, 2), None),
    ("uwsgi_ssl_certificate_cache", "ngx_http_uwsgi_module", Release(1, 27, 4), None),
    ("uwsgi_ssl_conf_command", "ngx_http_uwsgi_module", Release(1, 19, 4), None),
];

/// Whether nginx `release` has this entry; `None` (unknown) or a release
/// outside those read: yes, so that nothing any release accepts is refused.
pub fn exists_in(spec: &DirectiveSpec, release: Option<Release>) -> bool {
    let Some(r) = release.filter(|r| (FIRST_READ..=LAST_READ).contains(r)) else {
        return true;
    };
    RELEASES
        .iter()
        .find(|(n, m, ..)| *n == spec.name && *m == spec.module)
        .is_none_or(|(_, _, since, until)| *since <= r && until.is_none_or(|u| r < u))
}

/// [`find`] among the entries `release` has.
pub fn find_in(
    name: &str,
    context: u32,
    release: Option<Release>,
) -> Option<&'static DirectiveSpec> {
    lookup(name)
        .iter()
        .find(|d| d.contexts & context != 0 && exists_in(d, release))
}

/// Whether some module of `release` declares `name`, in any context: nginx
/// then says "not allowed here" where no entry fits, instead of "unknown
/// directive".
pub fn known_in(name: &str, release: Option<Release>) -> bool {
    lookup(name).iter().any(|d| exists_in(d, release))
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
/// nginx's module order. One entry a line: name, contexts, arguments,
/// module, as in the module's `ngx_command_t`.
#[rustfmt::skip]
pub static DIRECTIVES: &[DirectiveSpec] = {
    use args::*;
    use ctx::*;
    &[
        d("absolute_redirect", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("accept_mutex", EVENT, FLAG, "ngx_event_core_module"),
        d("accept_mutex_delay", EVENT, TAKE1, "ngx_event_core_module"),
        d("access_log", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF | HTTP_LMT, ONE_OR_MORE, "ngx_http_log_module"),
        d("access_log", STREAM_MAIN | STREAM_SRV, ONE_OR_MORE, "ngx_stream_log_module"),
        d("add_after_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_addition_filter_module"),
        d("add_before_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_addition_filter_module"),
        d("add_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE23, "ngx_http_headers_filter_module"),
        d("add_header_inherit", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_headers_filter_module"),
        d("add_trailer", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE23, "ngx_http_headers_filter_module"),
        d("add_trailer_inherit", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_headers_filter_module"),
        d("addition_types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_addition_filter_module"),
        d("aio", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("aio_write", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("alias", HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("allow", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LMT, TAKE1, "ngx_http_access_module"),
        d("allow", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_access_module"),
        d("ancient_browser", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_browser_module"),
        d("ancient_browser_value", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_browser_module"),
        d("auth_basic", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LMT, TAKE1, "ngx_http_auth_basic_module"),
        d("auth_basic_user_file", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LMT, TAKE1, "ngx_http_auth_basic_module"),
        d("auth_delay", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("auth_http", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_auth_http_module"),
        d("auth_http_header", MAIL_MAIN | MAIL_SRV, TAKE2, "ngx_mail_auth_http_module"),
        d("auth_http_pass_client_cert", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_auth_http_module"),
        d("auth_http_timeout", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_auth_http_module"),
        d("auth_request", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_auth_request_module"),
        d("auth_request_set", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_auth_request_module"),
        d("autoindex", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_autoindex_module"),
        d("autoindex_exact_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_autoindex_module"),
        d("autoindex_format", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_autoindex_module"),
        d("autoindex_localtime", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_autoindex_module"),
        d("break", HTTP_SRV | HTTP_SIF | HTTP_LOC | HTTP_LIF, NOARGS, "ngx_http_rewrite_module"),
        d("charset", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_charset_filter_module"),
        d("charset_map", HTTP_MAIN, BLOCK | TAKE2, "ngx_http_charset_filter_module"),
        d("charset_types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_charset_filter_module"),
        d("chunked_transfer_encoding", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("client_body_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("client_body_in_file_only", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("client_body_in_single_buffer", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("client_body_temp_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_core_module"),
        d("client_body_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("client_header_buffer_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_core_module"),
        d("client_header_timeout", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_core_module"),
        d("client_max_body_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("connection_pool_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_core_module"),
        d("create_full_put_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_dav_module"),
        d("daemon", MAIN, FLAG, "ngx_core_module"),
        d("dav_access", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_dav_module"),
        d("dav_methods", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_dav_module"),
        d("debug_connection", EVENT, TAKE1, "ngx_event_core_module"),
        d("debug_points", MAIN, TAKE1, "ngx_core_module"),
        d("default_type", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("deny", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LMT, TAKE1, "ngx_http_access_module"),
        d("deny", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_access_module"),
        d("directio", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("directio_alignment", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("disable_symlinks", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_core_module"),
        d("early_hints", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_core_module"),
        d("empty_gif", HTTP_LOC, NOARGS, "ngx_http_empty_gif_module"),
        d("env", MAIN, TAKE1, "ngx_core_module"),
        d("epoll_events", EVENT, TAKE1, "ngx_epoll_module"),
        d("error_log", MAIN, ONE_OR_MORE, "ngx_errlog_module"),
        d("error_log", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_core_module"),
        d("error_log", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_core_module"),
        d("error_log", STREAM_MAIN | STREAM_SRV, ONE_OR_MORE, "ngx_stream_core_module"),
        d("error_page", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TWO_OR_MORE, "ngx_http_core_module"),
        d("etag", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("events", MAIN, BLOCK | NOARGS, "ngx_events_module"),
        d("expires", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE12, "ngx_http_headers_filter_module"),
        d("fastcgi_bind", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_fastcgi_module"),
        d("fastcgi_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_fastcgi_module"),
        d("fastcgi_busy_buffers_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_background_update", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_bypass", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_lock", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_lock_age", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_lock_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_max_range_offset", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_methods", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_min_uses", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_path", HTTP_MAIN, TWO_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_revalidate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_use_stale", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_cache_valid", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_catch_stderr", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_connect_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_force_ranges", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_hide_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_ignore_client_abort", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_ignore_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_index", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_intercept_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_keep_conn", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_limit_rate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_max_temp_file_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_next_upstream", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_next_upstream_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_next_upstream_tries", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_no_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_fastcgi_module"),
        d("fastcgi_param", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE23, "ngx_http_fastcgi_module"),
        d("fastcgi_pass", HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_pass_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_pass_request_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_pass_request_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_read_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_request_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_send_lowat", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_socket_keepalive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_fastcgi_module"),
        d("fastcgi_split_path_info", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_store", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_store_access", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_fastcgi_module"),
        d("fastcgi_temp_file_write_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_fastcgi_module"),
        d("fastcgi_temp_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_fastcgi_module"),
        d("flv", HTTP_LOC, NOARGS, "ngx_http_flv_module"),
        d("geo", HTTP_MAIN, BLOCK | TAKE12, "ngx_http_geo_module"),
        d("geo", STREAM_MAIN, BLOCK | TAKE12, "ngx_stream_geo_module"),
        d("geoip_city", HTTP_MAIN, TAKE12, "ngx_http_geoip_module"),
        d("geoip_city", STREAM_MAIN, TAKE12, "ngx_stream_geoip_module"),
        d("geoip_country", HTTP_MAIN, TAKE12, "ngx_http_geoip_module"),
        d("geoip_country", STREAM_MAIN, TAKE12, "ngx_stream_geoip_module"),
        d("geoip_org", HTTP_MAIN, TAKE12, "ngx_http_geoip_module"),
        d("geoip_org", STREAM_MAIN, TAKE12, "ngx_stream_geoip_module"),
        d("geoip_proxy", HTTP_MAIN, TAKE1, "ngx_http_geoip_module"),
        d("geoip_proxy_recursive", HTTP_MAIN, FLAG, "ngx_http_geoip_module"),
        d("grpc_bind", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_grpc_module"),
        d("grpc_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_connect_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_hide_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ignore_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_grpc_module"),
        d("grpc_intercept_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_grpc_module"),
        d("grpc_next_upstream", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_grpc_module"),
        d("grpc_next_upstream_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_next_upstream_tries", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_pass", HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_grpc_module"),
        d("grpc_pass_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_read_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_set_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_grpc_module"),
        d("grpc_socket_keepalive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_grpc_module"),
        d("grpc_ssl_certificate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_certificate_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_grpc_module"),
        d("grpc_ssl_certificate_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_ciphers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_conf_command", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_grpc_module"),
        d("grpc_ssl_crl", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_password_file", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_protocols", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_grpc_module"),
        d("grpc_ssl_server_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_grpc_module"),
        d("grpc_ssl_session_reuse", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_grpc_module"),
        d("grpc_ssl_trusted_certificate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("grpc_ssl_verify", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_grpc_module"),
        d("grpc_ssl_verify_depth", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_grpc_module"),
        d("gunzip", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_gunzip_filter_module"),
        d("gunzip_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_gunzip_filter_module"),
        d("gzip", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, FLAG, "ngx_http_gzip_filter_module"),
        d("gzip_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_gzip_filter_module"),
        d("gzip_comp_level", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_gzip_filter_module"),
        d("gzip_disable", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_core_module"),
        d("gzip_hash", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_gzip_filter_module"),
        d("gzip_http_version", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("gzip_min_length", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_gzip_filter_module"),
        d("gzip_no_buffer", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_gzip_filter_module"),
        d("gzip_proxied", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_core_module"),
        d("gzip_static", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_gzip_static_module"),
        d("gzip_types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_gzip_filter_module"),
        d("gzip_vary", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("gzip_window", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_gzip_filter_module"),
        d("hash", HTTP_UPS, TAKE12, "ngx_http_upstream_hash_module"),
        d("hash", STREAM_UPS, TAKE12, "ngx_stream_upstream_hash_module"),
        d("http", MAIN, BLOCK | NOARGS, "ngx_http_module"),
        d("http2", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_v2_module"),
        d("http2_body_preread_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_chunk_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_v2_module"),
        d("http2_idle_timeout", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_max_concurrent_pushes", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_max_concurrent_streams", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_max_field_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_max_header_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_max_requests", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_pool_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_push", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_v2_module"),
        d("http2_push_preload", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_v2_module"),
        d("http2_recv_buffer_size", HTTP_MAIN, TAKE1, "ngx_http_v2_module"),
        d("http2_recv_timeout", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http2_streams_index_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v2_module"),
        d("http3", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_v3_module"),
        d("http3_hq", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_v3_module"),
        d("http3_max_concurrent_streams", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v3_module"),
        d("http3_stream_buffer_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v3_module"),
        d("if", HTTP_SRV | HTTP_LOC, BLOCK | ONE_OR_MORE, "ngx_http_rewrite_module"),
        d("if_modified_since", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("ignore_invalid_headers", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_core_module"),
        d("image_filter", HTTP_LOC, TAKE123, "ngx_http_image_filter_module"),
        d("image_filter_buffer", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_image_filter_module"),
        d("image_filter_interlace", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_image_filter_module"),
        d("image_filter_jpeg_quality", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_image_filter_module"),
        d("image_filter_sharpen", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_image_filter_module"),
        d("image_filter_transparency", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_image_filter_module"),
        d("image_filter_webp_quality", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_image_filter_module"),
        d("imap_auth", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_imap_module"),
        d("imap_capabilities", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_imap_module"),
        d("imap_client_buffer", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_imap_module"),
        d("include", ANY_CONF, TAKE1, "ngx_conf_module"),
        d("index", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_index_module"),
        d("internal", HTTP_LOC, NOARGS, "ngx_http_core_module"),
        d("ip_hash", HTTP_UPS, NOARGS, "ngx_http_upstream_ip_hash_module"),
        d("keepalive", HTTP_UPS, TAKE1, "ngx_http_upstream_keepalive_module"),
        d("keepalive_disable", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_core_module"),
        d("keepalive_min_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("keepalive_requests", HTTP_UPS, TAKE1, "ngx_http_upstream_keepalive_module"),
        d("keepalive_requests", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("keepalive_time", HTTP_UPS, TAKE1, "ngx_http_upstream_keepalive_module"),
        d("keepalive_time", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("keepalive_timeout", HTTP_UPS, TAKE1, "ngx_http_upstream_keepalive_module"),
        d("keepalive_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_core_module"),
        d("large_client_header_buffers", HTTP_MAIN | HTTP_SRV, TAKE2, "ngx_http_core_module"),
        d("least_conn", HTTP_UPS, NOARGS, "ngx_http_upstream_least_conn_module"),
        d("least_conn", STREAM_UPS, NOARGS, "ngx_stream_upstream_least_conn_module"),
        d("limit_conn", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_limit_conn_module"),
        d("limit_conn", STREAM_MAIN | STREAM_SRV, TAKE2, "ngx_stream_limit_conn_module"),
        d("limit_conn_dry_run", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_limit_conn_module"),
        d("limit_conn_dry_run", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_limit_conn_module"),
        d("limit_conn_log_level", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_limit_conn_module"),
        d("limit_conn_log_level", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_limit_conn_module"),
        d("limit_conn_status", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_limit_conn_module"),
        d("limit_conn_zone", HTTP_MAIN, TAKE2, "ngx_http_limit_conn_module"),
        d("limit_conn_zone", STREAM_MAIN, TAKE2, "ngx_stream_limit_conn_module"),
        d("limit_except", HTTP_LOC, BLOCK | ONE_OR_MORE, "ngx_http_core_module"),
        d("limit_rate", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_core_module"),
        d("limit_rate_after", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_core_module"),
        d("limit_req", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_limit_req_module"),
        d("limit_req_dry_run", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_limit_req_module"),
        d("limit_req_log_level", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_limit_req_module"),
        d("limit_req_status", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_limit_req_module"),
        d("limit_req_zone", HTTP_MAIN, TAKE3, "ngx_http_limit_req_module"),
        d("lingering_close", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("lingering_time", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("lingering_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("listen", HTTP_SRV, ONE_OR_MORE, "ngx_http_core_module"),
        d("listen", MAIL_SRV, ONE_OR_MORE, "ngx_mail_core_module"),
        d("listen", STREAM_SRV, ONE_OR_MORE, "ngx_stream_core_module"),
        d("load_module", MAIN, TAKE1, "ngx_core_module"),
        d("location", HTTP_SRV | HTTP_LOC, BLOCK | TAKE12, "ngx_http_core_module"),
        d("lock_file", MAIN, TAKE1, "ngx_core_module"),
        d("log_format", HTTP_MAIN, TWO_OR_MORE, "ngx_http_log_module"),
        d("log_format", STREAM_MAIN, TWO_OR_MORE, "ngx_stream_log_module"),
        d("log_not_found", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("log_subrequest", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("mail", MAIN, BLOCK | NOARGS, "ngx_mail_module"),
        d("map", HTTP_MAIN, BLOCK | TAKE2, "ngx_http_map_module"),
        d("map", STREAM_MAIN, BLOCK | TAKE2, "ngx_stream_map_module"),
        d("map_hash_bucket_size", HTTP_MAIN, TAKE1, "ngx_http_map_module"),
        d("map_hash_bucket_size", STREAM_MAIN, TAKE1, "ngx_stream_map_module"),
        d("map_hash_max_size", HTTP_MAIN, TAKE1, "ngx_http_map_module"),
        d("map_hash_max_size", STREAM_MAIN, TAKE1, "ngx_stream_map_module"),
        d("master_process", MAIN, FLAG, "ngx_core_module"),
        d("max_errors", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_core_module"),
        d("max_headers", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_core_module"),
        d("max_ranges", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("memcached_bind", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_memcached_module"),
        d("memcached_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_connect_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_gzip_flag", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_next_upstream", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_memcached_module"),
        d("memcached_next_upstream_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_next_upstream_tries", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_pass", HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_memcached_module"),
        d("memcached_read_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_memcached_module"),
        d("memcached_socket_keepalive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_memcached_module"),
        d("merge_slashes", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_core_module"),
        d("min_delete_depth", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_dav_module"),
        d("mirror", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_mirror_module"),
        d("mirror_request_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_mirror_module"),
        d("modern_browser", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_browser_module"),
        d("modern_browser_value", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_browser_module"),
        d("mp4", HTTP_LOC, NOARGS, "ngx_http_mp4_module"),
        d("mp4_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_mp4_module"),
        d("mp4_max_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_mp4_module"),
        d("mp4_start_key_frame", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_mp4_module"),
        d("msie_padding", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("msie_refresh", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("multi_accept", EVENT, FLAG, "ngx_event_core_module"),
        d("open_file_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_core_module"),
        d("open_file_cache_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("open_file_cache_events", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("open_file_cache_min_uses", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("open_file_cache_valid", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("open_log_file_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_log_module"),
        d("open_log_file_cache", STREAM_MAIN | STREAM_SRV, TAKE1234, "ngx_stream_log_module"),
        d("output_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_copy_filter_module"),
        d("override_charset", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, FLAG, "ngx_http_charset_filter_module"),
        d("pass", STREAM_SRV, TAKE1, "ngx_stream_pass_module"),
        d("pcre_jit", MAIN, FLAG, "ngx_regex_module"),
        d("perl", HTTP_LOC | HTTP_LMT, TAKE1, "ngx_http_perl_module"),
        d("perl_modules", HTTP_MAIN, TAKE1, "ngx_http_perl_module"),
        d("perl_require", HTTP_MAIN, TAKE1, "ngx_http_perl_module"),
        d("perl_set", HTTP_MAIN, TAKE2, "ngx_http_perl_module"),
        d("pid", MAIN, TAKE1, "ngx_core_module"),
        d("pop3_auth", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_pop3_module"),
        d("pop3_capabilities", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_pop3_module"),
        d("port_in_redirect", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("post_action", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_core_module"),
        d("postpone_gzipping", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_gzip_filter_module"),
        d("postpone_output", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("preread_buffer_size", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_core_module"),
        d("preread_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_core_module"),
        d("protocol", MAIL_SRV, TAKE1, "ngx_mail_core_module"),
        d("proxy", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_proxy_module"),
        d("proxy_bind", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_proxy_module"),
        d("proxy_bind", STREAM_MAIN | STREAM_SRV, TAKE12, "ngx_stream_proxy_module"),
        d("proxy_buffer", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_proxy_module"),
        d("proxy_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_buffer_size", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_proxy_module"),
        d("proxy_busy_buffers_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache_background_update", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_cache_bypass", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_cache_convert_head", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_cache_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache_lock", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_cache_lock_age", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache_lock_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache_max_range_offset", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache_methods", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_cache_min_uses", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_cache_path", HTTP_MAIN, TWO_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_cache_revalidate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_cache_use_stale", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_cache_valid", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_connect_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_connect_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_cookie_domain", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_proxy_module"),
        d("proxy_cookie_flags", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_proxy_module"),
        d("proxy_cookie_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_proxy_module"),
        d("proxy_download_rate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_downstream_buffer", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_force_ranges", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_half_close", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_headers_hash_bucket_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_headers_hash_max_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_hide_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_http_version", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ignore_client_abort", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_ignore_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_intercept_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_limit_rate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_max_temp_file_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_method", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_next_upstream", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_next_upstream", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_next_upstream_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_next_upstream_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_next_upstream_tries", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_next_upstream_tries", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_no_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_pass", HTTP_LOC | HTTP_LIF | HTTP_LMT, TAKE1, "ngx_http_proxy_module"),
        d("proxy_pass", STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_pass_error_message", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_proxy_module"),
        d("proxy_pass_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_pass_request_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_pass_request_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_pass_trailers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_protocol", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_proxy_module"),
        d("proxy_protocol", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_protocol_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_core_module"),
        d("proxy_read_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_redirect", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_proxy_module"),
        d("proxy_request_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_requests", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_responses", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_send_lowat", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_set_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_set_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_proxy_module"),
        d("proxy_smtp_auth", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_proxy_module"),
        d("proxy_socket_keepalive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_socket_keepalive", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_ssl", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_ssl_certificate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_certificate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_certificate_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_proxy_module"),
        d("proxy_ssl_certificate_cache", STREAM_MAIN | STREAM_SRV, TAKE123, "ngx_stream_proxy_module"),
        d("proxy_ssl_certificate_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_certificate_key", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_ciphers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_ciphers", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_conf_command", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_proxy_module"),
        d("proxy_ssl_conf_command", STREAM_MAIN | STREAM_SRV, TAKE2, "ngx_stream_proxy_module"),
        d("proxy_ssl_crl", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_crl", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_name", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_password_file", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_password_file", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_protocols", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_proxy_module"),
        d("proxy_ssl_protocols", STREAM_MAIN | STREAM_SRV, ONE_OR_MORE, "ngx_stream_proxy_module"),
        d("proxy_ssl_server_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_ssl_server_name", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_ssl_session_reuse", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_ssl_session_reuse", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_ssl_trusted_certificate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_trusted_certificate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_ssl_verify", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_proxy_module"),
        d("proxy_ssl_verify", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_proxy_module"),
        d("proxy_ssl_verify_depth", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_ssl_verify_depth", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_store", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_store_access", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_proxy_module"),
        d("proxy_temp_file_write_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_proxy_module"),
        d("proxy_temp_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_proxy_module"),
        d("proxy_timeout", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_proxy_module"),
        d("proxy_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_upload_rate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("proxy_upstream_buffer", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_proxy_module"),
        d("quic_active_connection_id_limit", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v3_module"),
        d("quic_bpf", MAIN, FLAG, "ngx_quic_bpf_module"),
        d("quic_gso", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_v3_module"),
        d("quic_host_key", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_v3_module"),
        d("quic_retry", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_v3_module"),
        d("random", HTTP_UPS, NOARGS | TAKE12, "ngx_http_upstream_random_module"),
        d("random", STREAM_UPS, NOARGS | TAKE12, "ngx_stream_upstream_random_module"),
        d("random_index", HTTP_LOC, FLAG, "ngx_http_random_index_module"),
        d("read_ahead", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("real_ip_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_realip_module"),
        d("real_ip_recursive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_realip_module"),
        d("recursive_error_pages", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("referer_hash_bucket_size", HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_referer_module"),
        d("referer_hash_max_size", HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_referer_module"),
        d("request_pool_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_core_module"),
        d("reset_timedout_connection", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("resolver", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_core_module"),
        d("resolver", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_core_module"),
        d("resolver", STREAM_MAIN | STREAM_SRV, ONE_OR_MORE, "ngx_stream_core_module"),
        d("resolver", HTTP_UPS, ONE_OR_MORE, "ngx_http_upstream_module"),
        d("resolver", STREAM_UPS, ONE_OR_MORE, "ngx_stream_upstream_module"),
        d("resolver_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("resolver_timeout", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_core_module"),
        d("resolver_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_core_module"),
        d("resolver_timeout", HTTP_UPS, TAKE1, "ngx_http_upstream_module"),
        d("resolver_timeout", STREAM_UPS, TAKE1, "ngx_stream_upstream_module"),
        d("return", HTTP_SRV | HTTP_SIF | HTTP_LOC | HTTP_LIF, TAKE12, "ngx_http_rewrite_module"),
        d("return", STREAM_SRV, TAKE1, "ngx_stream_return_module"),
        d("rewrite", HTTP_SRV | HTTP_SIF | HTTP_LOC | HTTP_LIF, TAKE23, "ngx_http_rewrite_module"),
        d("rewrite_log", HTTP_MAIN | HTTP_SRV | HTTP_SIF | HTTP_LOC | HTTP_LIF, FLAG, "ngx_http_rewrite_module"),
        d("root", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_core_module"),
        d("satisfy", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("scgi_bind", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_scgi_module"),
        d("scgi_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_scgi_module"),
        d("scgi_busy_buffers_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache_background_update", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_cache_bypass", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_cache_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache_lock", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_cache_lock_age", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache_lock_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache_max_range_offset", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache_methods", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_cache_min_uses", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_cache_path", HTTP_MAIN, TWO_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_cache_revalidate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_cache_use_stale", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_cache_valid", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_connect_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_force_ranges", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_hide_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_ignore_client_abort", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_ignore_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_intercept_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_limit_rate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_max_temp_file_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_next_upstream", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_next_upstream_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_next_upstream_tries", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_no_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_scgi_module"),
        d("scgi_param", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE23, "ngx_http_scgi_module"),
        d("scgi_pass", HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_scgi_module"),
        d("scgi_pass_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_pass_request_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_pass_request_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_read_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_request_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_socket_keepalive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_scgi_module"),
        d("scgi_store", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_store_access", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_scgi_module"),
        d("scgi_temp_file_write_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_scgi_module"),
        d("scgi_temp_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_scgi_module"),
        d("secure_link", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_secure_link_module"),
        d("secure_link_md5", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_secure_link_module"),
        d("secure_link_secret", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_secure_link_module"),
        d("send_lowat", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("sendfile", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, FLAG, "ngx_http_core_module"),
        d("sendfile_max_chunk", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("server", HTTP_MAIN, BLOCK | NOARGS, "ngx_http_core_module"),
        d("server", HTTP_UPS, ONE_OR_MORE, "ngx_http_upstream_module"),
        d("server", MAIL_MAIN, BLOCK | NOARGS, "ngx_mail_core_module"),
        d("server", STREAM_MAIN, BLOCK | NOARGS, "ngx_stream_core_module"),
        d("server", STREAM_UPS, ONE_OR_MORE, "ngx_stream_upstream_module"),
        d("server_name", HTTP_SRV, ONE_OR_MORE, "ngx_http_core_module"),
        d("server_name", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_core_module"),
        d("server_name", STREAM_SRV, ONE_OR_MORE, "ngx_stream_core_module"),
        d("server_name_in_redirect", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("server_names_hash_bucket_size", HTTP_MAIN, TAKE1, "ngx_http_core_module"),
        d("server_names_hash_bucket_size", STREAM_MAIN, TAKE1, "ngx_stream_core_module"),
        d("server_names_hash_max_size", HTTP_MAIN, TAKE1, "ngx_http_core_module"),
        d("server_names_hash_max_size", STREAM_MAIN, TAKE1, "ngx_stream_core_module"),
        d("server_tokens", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("set", HTTP_SRV | HTTP_SIF | HTTP_LOC | HTTP_LIF, TAKE2, "ngx_http_rewrite_module"),
        d("set", STREAM_SRV, TAKE2, "ngx_stream_set_module"),
        d("set_real_ip_from", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_realip_module"),
        d("set_real_ip_from", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_realip_module"),
        d("set_real_ip_from", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_realip_module"),
        d("slice", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_slice_filter_module"),
        d("smtp_auth", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_smtp_module"),
        d("smtp_capabilities", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_smtp_module"),
        d("smtp_client_buffer", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_smtp_module"),
        d("smtp_greeting_delay", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_smtp_module"),
        d("source_charset", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_charset_filter_module"),
        d("split_clients", HTTP_MAIN, BLOCK | TAKE2, "ngx_http_split_clients_module"),
        d("split_clients", STREAM_MAIN, BLOCK | TAKE2, "ngx_stream_split_clients_module"),
        d("ssi", HTTP_MAIN | HTTP_SRV | HTTP_LOC | HTTP_LIF, FLAG, "ngx_http_ssi_filter_module"),
        d("ssi_ignore_recycled_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_ssi_filter_module"),
        d("ssi_last_modified", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_ssi_filter_module"),
        d("ssi_min_file_chunk", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_ssi_filter_module"),
        d("ssi_silent_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_ssi_filter_module"),
        d("ssi_types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_ssi_filter_module"),
        d("ssi_value_length", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_ssi_filter_module"),
        d("ssl", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_ssl_module"),
        d("ssl_alpn", STREAM_MAIN | STREAM_SRV, ONE_OR_MORE, "ngx_stream_ssl_module"),
        d("ssl_buffer_size", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_certificate", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_certificate", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_certificate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_certificate_cache", HTTP_MAIN | HTTP_SRV, TAKE123, "ngx_http_ssl_module"),
        d("ssl_certificate_cache", STREAM_MAIN | STREAM_SRV, TAKE123, "ngx_stream_ssl_module"),
        d("ssl_certificate_compression", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_certificate_compression", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_ssl_module"),
        d("ssl_certificate_compression", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_module"),
        d("ssl_certificate_key", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_certificate_key", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_certificate_key", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_ciphers", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_ciphers", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_ciphers", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_client_certificate", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_client_certificate", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_client_certificate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_conf_command", HTTP_MAIN | HTTP_SRV, TAKE2, "ngx_http_ssl_module"),
        d("ssl_conf_command", MAIL_MAIN | MAIL_SRV, TAKE2, "ngx_mail_ssl_module"),
        d("ssl_conf_command", STREAM_MAIN | STREAM_SRV, TAKE2, "ngx_stream_ssl_module"),
        d("ssl_crl", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_crl", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_crl", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_dhparam", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_dhparam", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_dhparam", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_early_data", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_ecdh_curve", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_ecdh_curve", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_ecdh_curve", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_ech_file", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_ech_file", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_engine", MAIN, TAKE1, "ngx_openssl_module"),
        d("ssl_handshake_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_ocsp", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_ocsp", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_ocsp_cache", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_ocsp_cache", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_ocsp_responder", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_ocsp_responder", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_password_file", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_password_file", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_password_file", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_prefer_server_ciphers", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_prefer_server_ciphers", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_ssl_module"),
        d("ssl_prefer_server_ciphers", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_module"),
        d("ssl_preread", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_preread_module"),
        d("ssl_protocols", HTTP_MAIN | HTTP_SRV, ONE_OR_MORE, "ngx_http_ssl_module"),
        d("ssl_protocols", MAIL_MAIN | MAIL_SRV, ONE_OR_MORE, "ngx_mail_ssl_module"),
        d("ssl_protocols", STREAM_MAIN | STREAM_SRV, ONE_OR_MORE, "ngx_stream_ssl_module"),
        d("ssl_reject_handshake", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_reject_handshake", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_module"),
        d("ssl_session_cache", HTTP_MAIN | HTTP_SRV, TAKE12, "ngx_http_ssl_module"),
        d("ssl_session_cache", MAIL_MAIN | MAIL_SRV, TAKE12, "ngx_mail_ssl_module"),
        d("ssl_session_cache", STREAM_MAIN | STREAM_SRV, TAKE12, "ngx_stream_ssl_module"),
        d("ssl_session_ticket_key", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_session_ticket_key", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_session_ticket_key", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_session_tickets", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_session_tickets", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_ssl_module"),
        d("ssl_session_tickets", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_module"),
        d("ssl_session_timeout", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_session_timeout", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_session_timeout", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_stapling", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_stapling", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_module"),
        d("ssl_stapling_file", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_stapling_file", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_stapling_responder", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_stapling_responder", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_stapling_verify", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_ssl_module"),
        d("ssl_stapling_verify", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_ssl_module"),
        d("ssl_trusted_certificate", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_trusted_certificate", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_trusted_certificate", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_verify_client", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_verify_client", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_verify_client", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("ssl_verify_depth", HTTP_MAIN | HTTP_SRV, TAKE1, "ngx_http_ssl_module"),
        d("ssl_verify_depth", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("ssl_verify_depth", STREAM_MAIN | STREAM_SRV, TAKE1, "ngx_stream_ssl_module"),
        d("starttls", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_ssl_module"),
        d("stream", MAIN, BLOCK | NOARGS, "ngx_stream_module"),
        d("stub_status", HTTP_SRV | HTTP_LOC, NOARGS | TAKE1, "ngx_http_stub_status_module"),
        d("sub_filter", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_sub_filter_module"),
        d("sub_filter_last_modified", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_sub_filter_module"),
        d("sub_filter_once", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_sub_filter_module"),
        d("sub_filter_types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_sub_filter_module"),
        d("subrequest_output_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("tcp_nodelay", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("tcp_nodelay", STREAM_MAIN | STREAM_SRV, FLAG, "ngx_stream_core_module"),
        d("tcp_nopush", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_core_module"),
        d("thread_pool", MAIN, TAKE23, "ngx_thread_pool_module"),
        d("timeout", MAIL_MAIN | MAIL_SRV, TAKE1, "ngx_mail_core_module"),
        d("timer_resolution", MAIN, TAKE1, "ngx_core_module"),
        d("try_files", HTTP_SRV | HTTP_LOC, TWO_OR_MORE, "ngx_http_try_files_module"),
        d("types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, BLOCK | NOARGS, "ngx_http_core_module"),
        d("types_hash_bucket_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("types_hash_max_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_core_module"),
        d("underscores_in_headers", HTTP_MAIN | HTTP_SRV, FLAG, "ngx_http_core_module"),
        d("uninitialized_variable_warn", HTTP_MAIN | HTTP_SRV | HTTP_SIF | HTTP_LOC | HTTP_LIF, FLAG, "ngx_http_rewrite_module"),
        d("upstream", HTTP_MAIN, BLOCK | TAKE1, "ngx_http_upstream_module"),
        d("upstream", STREAM_MAIN, BLOCK | TAKE1, "ngx_stream_upstream_module"),
        d("use", EVENT, TAKE1, "ngx_event_core_module"),
        d("user", MAIN, TAKE12, "ngx_core_module"),
        d("userid", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_domain", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_expires", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_flags", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_userid_filter_module"),
        d("userid_mark", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_p3p", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("userid_service", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_userid_filter_module"),
        d("uwsgi_bind", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE12, "ngx_http_uwsgi_module"),
        d("uwsgi_buffer_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_buffers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_uwsgi_module"),
        d("uwsgi_busy_buffers_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_background_update", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_bypass", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_lock", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_lock_age", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_lock_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_max_range_offset", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_methods", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_min_uses", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_path", HTTP_MAIN, TWO_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_revalidate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_use_stale", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_cache_valid", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_connect_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_force_ranges", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_hide_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ignore_client_abort", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_ignore_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_intercept_errors", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_limit_rate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_max_temp_file_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_modifier1", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_modifier2", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_next_upstream", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_next_upstream_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_next_upstream_tries", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_no_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_param", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE23, "ngx_http_uwsgi_module"),
        d("uwsgi_pass", HTTP_LOC | HTTP_LIF, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_pass_header", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_pass_request_body", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_pass_request_headers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_read_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_request_buffering", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_send_timeout", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_socket_keepalive", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_certificate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_certificate_cache", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_certificate_key", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_ciphers", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_conf_command", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_crl", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_password_file", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_protocols", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_server_name", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_session_reuse", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_trusted_certificate", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_verify", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_uwsgi_module"),
        d("uwsgi_ssl_verify_depth", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_store", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_store_access", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE123, "ngx_http_uwsgi_module"),
        d("uwsgi_string", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_temp_file_write_size", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_uwsgi_module"),
        d("uwsgi_temp_path", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1234, "ngx_http_uwsgi_module"),
        d("valid_referers", HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_referer_module"),
        d("variables_hash_bucket_size", HTTP_MAIN, TAKE1, "ngx_http_core_module"),
        d("variables_hash_bucket_size", STREAM_MAIN, TAKE1, "ngx_stream_core_module"),
        d("variables_hash_max_size", HTTP_MAIN, TAKE1, "ngx_http_core_module"),
        d("variables_hash_max_size", STREAM_MAIN, TAKE1, "ngx_stream_core_module"),
        d("worker_aio_requests", EVENT, TAKE1, "ngx_epoll_module"),
        d("worker_connections", EVENT, TAKE1, "ngx_event_core_module"),
        d("worker_cpu_affinity", MAIN, ONE_OR_MORE, "ngx_core_module"),
        d("worker_priority", MAIN, TAKE1, "ngx_core_module"),
        d("worker_processes", MAIN, TAKE1, "ngx_core_module"),
        d("worker_rlimit_core", MAIN, TAKE1, "ngx_core_module"),
        d("worker_rlimit_nofile", MAIN, TAKE1, "ngx_core_module"),
        d("worker_shutdown_timeout", MAIN, TAKE1, "ngx_core_module"),
        d("working_directory", MAIN, TAKE1, "ngx_core_module"),
        d("xclient", MAIL_MAIN | MAIL_SRV, FLAG, "ngx_mail_proxy_module"),
        d("xml_entities", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE1, "ngx_http_xslt_filter_module"),
        d("xslt_last_modified", HTTP_MAIN | HTTP_SRV | HTTP_LOC, FLAG, "ngx_http_xslt_filter_module"),
        d("xslt_param", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_xslt_filter_module"),
        d("xslt_string_param", HTTP_MAIN | HTTP_SRV | HTTP_LOC, TAKE2, "ngx_http_xslt_filter_module"),
        d("xslt_stylesheet", HTTP_LOC, ONE_OR_MORE, "ngx_http_xslt_filter_module"),
        d("xslt_types", HTTP_MAIN | HTTP_SRV | HTTP_LOC, ONE_OR_MORE, "ngx_http_xslt_filter_module"),
        d("zone", HTTP_UPS, TAKE12, "ngx_http_upstream_zone_module"),
        d("zone", STREAM_UPS, TAKE12, "ngx_stream_upstream_zone_module"),
    ]
};

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
    fn entries_by_release() {
        let r = |a, b, c| Some(Release(a, b, c));
        // `server_name` in stream: since 1.25.5; unknown release: accepted.
        assert!(find_in("server_name", ctx::STREAM_SRV, r(1, 22, 1)).is_none());
        assert!(find_in("server_name", ctx::STREAM_SRV, r(1, 25, 5)).is_some());
        assert!(find_in("server_name", ctx::STREAM_SRV, None).is_some());
        assert!(find_in("server_name", ctx::HTTP_SRV, r(1, 22, 1)).is_some());
        // `http2 on;` since 1.25.1: unknown to 1.24 in any context.
        assert!(!known_in("http2", r(1, 24, 0)));
        assert!(known_in("http2", r(1, 25, 1)));
        // `ssl on;` removed in 1.25.1.
        assert!(find_in("ssl", ctx::HTTP_SRV, r(1, 25, 0)).is_some());
        assert!(find_in("ssl", ctx::HTTP_SRV, r(1, 26, 3)).is_none());
        // Outside the releases read, every entry counts.
        assert!(find_in("ssl", ctx::HTTP_SRV, r(1, 30, 0)).is_some());
        assert!(find_in("resolver", ctx::HTTP_UPS, r(1, 14, 0)).is_some());
        for (name, module, since, until) in RELEASES {
            assert!(
                lookup(name).iter().any(|d| d.module == *module),
                "{name} {module}"
            );
            assert!(until.is_none_or(|u| *since < u), "{name}");
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
