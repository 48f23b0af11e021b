//! Random scenarios for `pathsim-verify fuzz` (being written).
