//! The document outline (bookmarks): one entry per chapter and, under it,
//! one per meeting subheading, each opening the page at its heading, so a
//! reader moves through the compilation from the side panel. The viewer is
//! asked to show the panel on opening.

use super::PdfError;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// A heading as the outline lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 0 for a chapter, 1 for a subheading under it.
    pub level: u8,
    /// As printed: `II. Recommandations relatives à la prévention…`.
    pub title: String,
    /// 0-based page.
    pub page: usize,
    /// The heading's top, from the page's top edge.
    pub top: f32,
}

/// A PDF text string: UTF-16 with its byte-order mark, which every reader
/// shows with its accents.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Literal)
}

struct Node {
    id: ObjectId,
    entry: Entry,
    children: Vec<Node>,
}

/// Adds the outline of `entries` to the catalog; nothing when there are
/// none.
pub fn add(lo: &mut lopdf::Document, entries: &[Entry], page_height: f32) -> Result<(), PdfError> {
    if entries.is_empty() {
        return Ok(());
    }
    let pages = lo.get_pages();
    let root = lo.new_object_id();
    // A subheading before any chapter goes at the top level.
    let mut tree: Vec<Node> = Vec::new();
    for entry in entries {
        let node = Node {
            id: lo.new_object_id(),
            entry: entry.clone(),
            children: Vec::new(),
        };
        match tree.last_mut() {
            Some(chapter) if entry.level > chapter.entry.level => chapter.children.push(node),
            _ => tree.push(node),
        }
    }
    let count = write_level(lo, &tree, root, &pages, page_height)?;
    let mut outlines = Dictionary::new();
    outlines.set("Type", Object::Name(b"Outlines".to_vec()));
    outlines.set("First", Object::Reference(tree[0].id));
    outlines.set("Last", Object::Reference(tree[tree.len() - 1].id));
    outlines.set("Count", Object::Integer(count));
    lo.set_object(root, outlines);

    let catalog = lo
        .catalog_mut()
        .map_err(|e| PdfError::Write(e.to_string()))?;
    catalog.set("Outlines", Object::Reference(root));
    catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    Ok(())
}

/// Writes `nodes` as siblings under `parent`, open; gives how many entries
/// they show.
fn write_level(
    lo: &mut lopdf::Document,
    nodes: &[Node],
    parent: ObjectId,
    pages: &std::collections::BTreeMap<u32, ObjectId>,
    page_height: f32,
) -> Result<i64, PdfError> {
    let mut shown = 0;
    for (i, node) in nodes.iter().enumerate() {
        let page = pages
            .get(&(node.entry.page as u32 + 1))
            .copied()
            .ok_or_else(|| {
                PdfError::Write(format!("no page {} for a bookmark", node.entry.page + 1))
            })?;
        let mut item = Dictionary::new();
        item.set("Title", text_string(&node.entry.title));
        item.set("Parent", Object::Reference(parent));
        item.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(page_height - node.entry.top),
                Object::Null,
            ]),
        );
        if i > 0 {
            item.set("Prev", Object::Reference(nodes[i - 1].id));
        }
        if let Some(next) = nodes.get(i + 1) {
            item.set("Next", Object::Reference(next.id));
        }
        if let (Some(first), Some(last)) = (node.children.first(), node.children.last()) {
            let below = write_level(lo, &node.children, node.id, pages, page_height)?;
            item.set("First", Object::Reference(first.id));
            item.set("Last", Object::Reference(last.id));
            item.set("Count", Object::Integer(below));
            shown += below;
        }
        lo.set_object(node.id, item);
        shown += 1;
    }
    Ok(shown)
}
