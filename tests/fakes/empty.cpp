// Keeps jrun_fakes non-empty before any fake exists.
