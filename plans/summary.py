"""What an import found, in words, for the command's output and the upload page; text shortened at a word."""


def shortened(text, limit):
    """The text on one line, cut at a word with an ellipsis when it is longer than `limit` characters."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if line[limit - 1] != " " and " " in cut:  # the last word was cut: leave it out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–-") + "…"


def plural(count, word, plural_word=None):
    return f"{count} {word if count == 1 else plural_word or word + 's'}"


def count_line(counts):
    return ", ".join(
        [
            plural(counts["areas"], "area"),
            plural(counts["actions"], "action"),
            plural(counts["updates"], "dated update"),
            plural(counts["owners"], "owner"),
        ]
    )


def describe_parsed(parsed):
    """The plan as read, one line per area and action: enough to check it against the document."""
    lines = [f"{parsed.title} (v.{parsed.version_number}): {count_line(parsed.counts())}"]
    for area in parsed.areas:
        lines.append(f"{area.number}. {area.title}")
        for action in area.actions:
            owners = ", ".join(name for _, name in action.owners) or "no owner"
            what = shortened(action.what.splitlines()[0], 100)
            lines.append(f"   - {what} [{owners}; {plural(len(action.updates), 'update')}]")
    return lines
