//! The timeline viewer: mounts the app. Everything else lives in [`timeline_viewer`].

fn main() {
    timeline_viewer::start();
}
