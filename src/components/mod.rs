//! Widgets shared by the pages.

pub mod chips;
pub mod embed_dialog;
pub mod event_list;
pub mod export_menu;
pub mod facet_list;
pub mod filter_panel;
pub mod header;
pub mod histogram;
pub mod search_box;
pub mod search_box_standalone;
