//! iproute2's JSON output (`lib/json_writer.c`): compact by default; with `-p` its own pretty
//! style (4-space indents, `[ … ]` arrays kept on one line, `},{` between objects), which
//! differs from serde_json's pretty printer.

use serde_json::Value;

/// The document as iproute2 prints it, with the final newline `jsonw_destroy` adds.
pub fn render(v: &Value, pretty: bool) -> String {
    let mut out = if pretty {
        let mut s = String::new();
        pretty_value(v, 0, &mut s);
        s
    } else {
        v.to_string()
    };
    out.push('\n');
    out
}

/// `jsonw_eol`: newline and indent to `depth`.
fn eol(depth: usize, out: &mut String) {
    out.push('\n');
    out.push_str(&"    ".repeat(depth));
}

/// Writes `v` whose container depth (after opening it) would be `depth + 1`.
fn pretty_value(v: &Value, depth: usize, out: &mut String) {
    match v {
        Value::Array(items) => {
            out.push_str("[ ");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                pretty_value(item, depth + 1, out);
            }
            if !items.is_empty() {
                out.push(' ');
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                eol(depth + 1, out);
                out.push_str(&Value::String(k.clone()).to_string());
                out.push_str(": ");
                pretty_value(item, depth + 1, out);
            }
            if !map.is_empty() {
                eol(depth, out);
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compact_and_pretty_match_iproute2() {
        let v = json!([{"mac": "02:00:00:00:00:01", "flags": [], "state": "permanent"},
                       {"mac": "33:33:00:00:00:01", "flags": ["self"], "state": "permanent"}]);
        assert_eq!(
            render(&v, false),
            "[{\"mac\":\"02:00:00:00:00:01\",\"flags\":[],\"state\":\"permanent\"},{\"mac\":\"33:33:00:00:00:01\",\"flags\":[\"self\"],\"state\":\"permanent\"}]\n"
        );
        let expected = "[ {\n        \"mac\": \"02:00:00:00:00:01\",\n        \"flags\": [ ],\n        \"state\": \"permanent\"\n    },{\n        \"mac\": \"33:33:00:00:00:01\",\n        \"flags\": [ \"self\" ],\n        \"state\": \"permanent\"\n    } ]\n";
        assert_eq!(render(&v, true), expected);
        assert_eq!(render(&json!([]), true), "[ ]\n");
        assert_eq!(
            render(&json!([{"flags": ["BROADCAST", "UP"]}]), true),
            "[ {\n        \"flags\": [ \"BROADCAST\",\"UP\" ]\n    } ]\n"
        );
    }
}
