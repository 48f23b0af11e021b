//! Kernel state over rtnetlink into [`pathsim::state`] (being written).
