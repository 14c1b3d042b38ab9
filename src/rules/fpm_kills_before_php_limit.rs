//! `fpm-kills-before-php-limit`: a pool's `request_terminate_timeout`
//! ends a request no later than PHP's own `max_execution_time` would (or
//! PHP has none). php-fpm then kills the worker mid-request, and the front
//! gets a dropped connection (502 from nginx, 503 from Apache) instead of
//! PHP's own fatal error.

use crate::diagnostic::Diagnostic;
use crate::meta;
use crate::rules::{Context, Phase, Rule};
use crate::model::limits::{max_execution_time, request_terminate_timeout};
use crate::model::PhpSource;
use crate::values::nginx::show_ms;

pub static RULE: Rule = Rule {
    meta: meta!(
        "fpm-kills-before-php-limit",
        Timeout,
        Warning,
        "`request_terminate_timeout` ends scripts before PHP's own limit: 502/503",
    ),
    phase: Phase::Stack(check),
    reads: crate::model::Touched::PHP,
};

fn source_name(source: Option<PhpSource>) -> &'static str {
    match source {
        Some(PhpSource::PoolAdmin) => "the pool's `php_admin_value`",
        Some(PhpSource::Pool) => "the pool's `php_value`",
        Some(PhpSource::PhpIni) => "php.ini",
        None => "PHP's default",
    }
}

fn check(cx: &Context) -> Vec<Diagnostic> {
    let stack = cx.stack;
    let mut out = Vec::new();
    for pool in &stack.pools {
        let rtt = request_terminate_timeout(pool);
        let Some(rtt_set) = rtt.set else {
            continue;
        };
        if rtt.ms == 0 {
            continue;
        }
        // Without the pool's php.ini, PHP's compiled-in default applies, as
        // the real php-fpm then runs; the finding says it was assumed.
        let met = max_execution_time(stack, pool);
        let php = met.limit.ms;
        if php != 0 && rtt.ms > php {
            continue;
        }
        let from = match met.assumed {
            Some(place) => format!("PHP's default, since no php.ini was checked ({place})"),
            None => source_name(met.source).to_string(),
        };
        let (window, php_text) = if php == 0 {
            (
                format!("every request still running after {}", show_ms(rtt.ms)),
                format!("PHP has no `max_execution_time` (0, from {from})"),
            )
        } else {
            (
                format!(
                    "a CPU-bound request reaching {} (and any request waiting that long on I/O)",
                    show_ms(rtt.ms)
                ),
                format!(
                    "PHP's `max_execution_time` is {} (from {from})",
                    show_ms(php)
                ),
            )
        };
        let mut d = RULE.diag(format!(
                "php-fpm pool `{}` kills a worker after `request_terminate_timeout` {}, and {php_text}: {window} is killed mid-response, nginx answers 502 Bad Gateway (`recv() failed (104: Connection reset by peer) while reading response header from upstream`) and Apache 503 (`AH01067: Failed to read FastCGI header`), and php-fpm logs `execution timed out (… sec), terminating`",
                pool.name,
                show_ms(rtt.ms)
            ))
        .at(
            rtt_set.span.file,
            rtt_set.span.range,
            format!("kills the worker after {} of wall-clock time", show_ms(rtt.ms)),
        );
        if let Some(s) = met.limit.set {
            let label = if php == 0 {
                "PHP never stops the script itself".to_string()
            } else {
                format!("PHP stops the script after {} of CPU time", show_ms(php))
            };
            d = d.also(s.span.file, s.span.range, label);
        }
        let suggest = if php == 0 {
            format!(
                "set `max_execution_time` below {} so PHP ends runaway scripts with its own error",
                show_ms(rtt.ms)
            )
        } else {
            format!(
                "raise `request_terminate_timeout` above {} (e.g. `{}s`), or lower `max_execution_time` below {}",
                show_ms(php),
                php / 1000 + 10,
                show_ms(rtt.ms)
            )
        };
        out.push(d.help(format!(
            "{suggest}. Then a script that computes too long fails with PHP's `Maximum execution time of N seconds exceeded` (a 500 the app can log), and php-fpm kills only the ones stuck waiting, which `max_execution_time` does not count on Linux (it measures CPU time)."
        )));
    }
    out
}
