/*
 * help-html.c: the models' documentation (an HTML fragment) as wrapped
 * plain text, for `help`.
 *
 * Block tags (p, div, h1-h6, ul, ol, li, dl, dt, dd, br, pre, note,
 * important, fullname) break paragraphs; list items get the CLI's "o "
 * bullet and a hanging indent; <note> and <important> become "NOTE:" /
 * "IMPORTANT:" with their text indented; every other tag (a, code, b,
 * i...) keeps only its text. Entities (&lt; &amp; &#39; &#x2603;...) are
 * decoded and white space collapsed. Lines are wrapped at width columns
 * (counted in characters) after indent spaces.
 */
#include "hs-common.h"
#include "operation.h"

#include <ctype.h>

struct render {
	struct hs_buf *out;
	struct hs_buf para;	/* the words of the paragraph being read */
	int indent;		/* left margin of the current block */
	int width;
	int list_depth;
	bool bullet;		/* the paragraph starts a list item */
	bool blank;		/* a blank line is due before the next block */
	bool wrote;		/* something was written */
};

/* Count the characters (code points) of s[0..n). */
static int
columns(const char *s, size_t n)
{
	int k = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

static void
spaces(struct hs_buf *out, int n)
{
	while (n-- > 0)
		hs_buf_addch(out, ' ');
}

/* Write text wrapped at width: first line after first_prefix, the rest
 * indented by indent. */
void
hs_help_wrap(struct hs_buf *out, const char *text, int indent,
    const char *first_prefix, int width)
{
	const char *p = text;
	int col, lead = indent + (first_prefix ? columns(first_prefix,
	    strlen(first_prefix)) : 0);

	spaces(out, indent);
	if (first_prefix != NULL)
		hs_buf_adds(out, first_prefix);
	col = lead;
	while (*p != '\0') {
		size_t len;
		int w;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		len = strcspn(p, " ");
		w = columns(p, len);
		if (col > lead && col + 1 + w > width) {
			hs_buf_addch(out, '\n');
			spaces(out, lead);
			col = lead;
		} else if (col > lead) {
			hs_buf_addch(out, ' ');
			col++;
		}
		hs_buf_add(out, p, len);
		col += w;
		p += len;
	}
	hs_buf_addch(out, '\n');
}

/* Write the paragraph read so far. */
static void
flush(struct render *r)
{
	hs_buf_trim(&r->para);
	if (r->para.len == 0)
		return;
	if (r->blank && r->wrote)
		hs_buf_addch(r->out, '\n');
	hs_help_wrap(r->out, r->para.buf, r->indent,
	    r->bullet ? "o " : NULL, r->width);
	r->wrote = true;
	r->blank = r->list_depth == 0;
	r->bullet = false;
	hs_buf_reset(&r->para);
}

/* Append text, collapsing white space. */
static void
add_text(struct render *r, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (isspace((unsigned char)s[i])) {
			if (r->para.len > 0 &&
			    r->para.buf[r->para.len - 1] != ' ')
				hs_buf_addch(&r->para, ' ');
		} else
			hs_buf_addch(&r->para, s[i]);
	}
}

/* Append the UTF-8 encoding of a code point. */
static void
add_code_point(struct hs_buf *b, unsigned long cp)
{
	if (cp < 0x80)
		hs_buf_addch(b, (int)cp);
	else if (cp < 0x800) {
		hs_buf_addch(b, (int)(0xc0 | (cp >> 6)));
		hs_buf_addch(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		hs_buf_addch(b, (int)(0xe0 | (cp >> 12)));
		hs_buf_addch(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		hs_buf_addch(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x110000) {
		hs_buf_addch(b, (int)(0xf0 | (cp >> 18)));
		hs_buf_addch(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		hs_buf_addch(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		hs_buf_addch(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/* Decode the entity at s ("&amp;"); returns its length, 0 if none. */
static size_t
entity(struct render *r, const char *s)
{
	static const struct { const char *name; const char *text; } named[] = {
		{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
		{ "apos", "'" }, { "nbsp", " " },
	};
	const char *end = strchr(s, ';');
	size_t len, i;

	if (end == NULL || (len = (size_t)(end - s)) < 2 || len > 10)
		return 0;
	if (s[1] == '#') {
		char *stop;
		unsigned long cp = s[2] == 'x' || s[2] == 'X' ?
		    strtoul(s + 3, &stop, 16) : strtoul(s + 2, &stop, 10);

		if (stop != end)
			return 0;
		add_code_point(&r->para, cp);
		return len + 1;
	}
	for (i = 0; i < HS_ARRAY_SIZE(named); i++)
		if (strlen(named[i].name) == len - 1 &&
		    memcmp(s + 1, named[i].name, len - 1) == 0) {
			add_text(r, named[i].text, strlen(named[i].text));
			return len + 1;
		}
	return 0;
}

/* Tell whether a tag name (lower-cased) is one of a list. */
static bool
tag_in(const char *tag, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(tag, *list) == 0)
			return true;
	return false;
}

/* Act on one tag: name lower-cased, closing or not. */
static void
tag(struct render *r, const char *name, bool closing)
{
	static const char *const blocks[] = { "p", "div", "h1", "h2", "h3",
	    "h4", "h5", "h6", "dl", "dt", "dd", "br", "pre", "fullname",
	    "examples", "example", NULL };

	if (tag_in(name, blocks)) {
		flush(r);
		if (strcmp(name, "br") == 0)
			r->blank = false;
	} else if (strcmp(name, "ul") == 0 || strcmp(name, "ol") == 0) {
		flush(r);
		r->list_depth += closing ? -1 : 1;
		r->indent += closing ? -2 : 2;
		if (closing && r->list_depth == 0)
			r->blank = true;
	} else if (strcmp(name, "li") == 0) {
		flush(r);
		r->bullet = !closing;
	} else if (strcmp(name, "note") == 0 ||
	    strcmp(name, "important") == 0) {
		flush(r);
		if (!closing) {
			add_text(r, name[0] == 'n' ? "NOTE:" : "IMPORTANT:",
			    name[0] == 'n' ? 5 : 10);
			flush(r);
		}
		r->indent += closing ? -3 : 3;
		r->blank = true;
	}
}

/* Read the tag at s ("<p>", "</a>", "<br/>"); returns its length. */
static size_t
read_tag(struct render *r, const char *s)
{
	const char *end = strchr(s, '>'), *p = s + 1;
	bool closing = false;
	char name[16];
	size_t n = 0;

	if (end == NULL)
		return 0;
	if (*p == '/') {
		closing = true;
		p++;
	}
	while (isalnum((unsigned char)*p) && n < sizeof name - 1)
		name[n++] = (char)tolower((unsigned char)*p++);
	name[n] = '\0';
	if (n > 0)
		tag(r, name, closing);
	return (size_t)(end - s) + 1;
}

/* Append the documentation html as wrapped text. */
void
hs_help_html(struct hs_buf *out, const char *html, int indent, int width)
{
	struct render r = { out, HS_BUF_INIT, indent, width, 0, false, false,
	    false };
	const char *p = html ? html : "";
	size_t n;

	while (*p != '\0') {
		if (*p == '<' && (n = read_tag(&r, p)) > 0)
			p += n;
		else if (*p == '&' && (n = entity(&r, p)) > 0)
			p += n;
		else {
			add_text(&r, p, 1);
			p++;
		}
	}
	flush(&r);
	hs_buf_release(&r.para);
}
