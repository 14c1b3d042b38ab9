#![no_main]
#[path = "common.rs"]
mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::parse_any(data, |t| hoplint::parse::php_fpm::parse(t).errors)
});
