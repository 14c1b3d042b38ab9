//! Diagnostics as data. Rules and loaders produce these; renderers in
//! `crate::render` turn them into text, JSON or miette reports.
