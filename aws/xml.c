/*
 * xml.c: the few libxml2 services the XML protocols need.
 *
 * Documents come from the network (client) or from anyone who can reach
 * the sandbox (server), so parsing never touches the network, never
 * loads external entities, refuses DTDs, never substitutes entities, and
 * never lets libxml2 print: errors come back through *cause. xmlInitParser()
 * runs once before any thread parses (libxml2's rule for threads).
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <pthread.h>

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void
xml_init(void)
{
	xmlInitParser();
}

static const int xml_options = XML_PARSE_NONET | XML_PARSE_NOERROR |
    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;

/* Parse an XML document safely. */
xmlDocPtr
aws_xml_parse(const char *text, size_t len, char **cause)
{
	xmlDocPtr doc;

	pthread_once(&xml_once, xml_init);
	if (len > INT32_MAX) {
		*cause = hs_xstrdup("XML document too large");
		return NULL;
	}
	doc = xmlReadMemory(text, (int)len, NULL, NULL, xml_options);
	if (doc != NULL && doc->intSubset != NULL) {
		*cause = hs_xstrdup("invalid XML: a document type "
		    "declaration (DTD) is not allowed");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		const xmlError *e = xmlGetLastError();
		char *msg = hs_xstrdup(e && e->message ? e->message :
		    "no root element\n");

		if (*msg && msg[strlen(msg) - 1] == '\n')
			msg[strlen(msg) - 1] = '\0';
		*cause = hs_xasprintf("invalid XML: %s", msg);
		free(msg);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

/* The element's local name. */
const char *
aws_xml_name(const xmlNode *node)
{
	return (const char *)node->name;
}

/* The next element sibling at or after node, or NULL. */
xmlNode *
aws_xml_element(xmlNode *node)
{
	while (node != NULL && node->type != XML_ELEMENT_NODE)
		node = node->next;
	return node;
}

/* The first element child named name, or NULL. */
xmlNode *
aws_xml_child(const xmlNode *node, const char *name)
{
	xmlNode *c;

	for (c = aws_xml_element(node->children); c != NULL;
	    c = aws_xml_element(c->next))
		if (strcmp(aws_xml_name(c), name) == 0)
			return c;
	return NULL;
}

/* The element's own text (text and CDATA children). */
char *
aws_xml_text(const xmlNode *node)
{
	struct hs_buf b = HS_BUF_INIT;
	const xmlNode *c;

	for (c = node->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL)
			hs_buf_adds(&b, (const char *)c->content);
	return hs_buf_detach(&b, NULL);
}

/* Append text escaped for element content or an attribute value. */
void
aws_xml_escape(struct hs_buf *out, const char *s, size_t len, bool attribute)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&':
			hs_buf_adds(out, "&amp;");
			break;
		case '<':
			hs_buf_adds(out, "&lt;");
			break;
		case '>':
			hs_buf_adds(out, "&gt;");
			break;
		case '"':
			hs_buf_adds(out, attribute ? "&quot;" : "\"");
			break;
		case '\r':
			hs_buf_adds(out, "&#13;");
			break;
		case '\n':
			hs_buf_adds(out, attribute ? "&#10;" : "\n");
			break;
		case '\t':
			hs_buf_adds(out, attribute ? "&#9;" : "\t");
			break;
		default:
			hs_buf_addch(out, s[i]);
		}
	}
}

/* Remove whitespace-only text nodes below node. */
static void
strip_blanks(xmlNode *node)
{
	xmlNode *c = node->children, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE)
			strip_blanks(c);
	}
}

/* Drop a libxml2 error (the caller reports its own). */
static void
quiet(void *ctx, xmlErrorPtr error)
{
	(void)ctx;
	(void)error;
}

/* Canonical form of a document without whitespace-only text. */
char *
aws_xml_canonical(const char *text, size_t len, char **cause)
{
	xmlDocPtr doc = aws_xml_parse(text, len, cause);
	xmlChar *out = NULL;
	char *copy;
	int n;

	if (doc == NULL)
		return NULL;
	strip_blanks(xmlDocGetRootElement(doc));
	/* C14N reports through libxml2's handlers: keep it from printing */
	xmlSetStructuredErrorFunc(NULL, quiet);
	n = xmlC14NDocDumpMemory(doc, NULL, XML_C14N_1_0, NULL, 0, &out);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeDoc(doc);
	if (n < 0) {
		*cause = hs_xstrdup("cannot canonicalize XML");
		return NULL;
	}
	copy = hs_xstrndup((const char *)out, (size_t)n);
	xmlFree(out);
	return copy;
}
