/*
 * xml.c: escaped text and elements in an hs_buf, for error.c's errors
 * when a service's model cannot be loaded; everything else is read and
 * written by the shared protocol code (aws/xml.c, with libxml2).
 */
#include "hs-common.h"
#include "sbx.h"

/* Append s with &, <, >, " and ' escaped, and control characters as &#N;. */
void
sbx_xml_escape(struct hs_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': (void)hs_buf_adds(b, "&amp;"); break;
		case '<': (void)hs_buf_adds(b, "&lt;"); break;
		case '>': (void)hs_buf_adds(b, "&gt;"); break;
		case '"': (void)hs_buf_adds(b, "&quot;"); break;
		case '\'': (void)hs_buf_adds(b, "&apos;"); break;
		default:
			if (ch < 0x20 && ch != '\t')
				(void)hs_buf_addf(b, "&#%d;", ch);
			else
				(void)hs_buf_addch(b, ch);
		}
	}
}

/* Append <tag>escaped value</tag>. */
void
sbx_xml_elem(struct hs_buf *b, const char *tag, const char *value)
{
	(void)hs_buf_addf(b, "<%s>", tag);
	sbx_xml_escape(b, value ? value : "");
	(void)hs_buf_addf(b, "</%s>", tag);
}

/* Append <tag>formatted</tag>. */
void
sbx_xml_elemf(struct hs_buf *b, const char *tag, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	v = hs_xvasprintf(fmt, ap);
	va_end(ap);
	sbx_xml_elem(b, tag, v);
	free(v);
}

/* Start an answer document: the XML declaration. */
void
sbx_xml_start(struct hs_buf *b)
{
	hs_buf_reset(b);
	(void)hs_buf_adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}
