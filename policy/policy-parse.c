/*
 * policy-parse.c: a policy document, from JSON text to a compiled policy.
 *
 * The text is first walked by policy-json.c (syntax errors with line and
 * column, and where every element is), then parsed by cJSON and checked
 * element by element as AWS does before it accepts a policy. The first
 * error wins; its message is AWS's MalformedPolicyDocument reason with
 * the JSON path of the element and its position:
 *   line 7, column 7: Statement[1].Effect: must be "Allow" or "Deny"
 *
 * Version: "2012-10-17" enables policy variables; "2008-10-17", or no
 * Version at all, takes ${...} literally, as AWS does.
 */
#include "hs-common.h"
#include "policy-int.h"

#include <strings.h>

/* Record the first parse error at path; returns -1. */
int
pol_fail(struct pol_parse *ps, const char *path, const char *fmt, ...)
{
	const struct pj_node *node = pj_find(ps->doc, path);
	struct policy_position pos;
	struct hs_buf msg = HS_BUF_INIT;
	va_list ap;

	if (ps->error != NULL)
		return -1;
	if (node != NULL) {
		pj_position(ps->doc->text, node->key_start, &pos);
		(void)hs_buf_addf(&msg, "line %u, column %u: ", pos.line,
		    pos.column);
	}
	if (*path != '\0')
		(void)hs_buf_addf(&msg, "%s: ", path);
	va_start(ap, fmt);
	(void)hs_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	ps->error = hs_buf_detach(&msg, NULL);
	return -1;
}

/* Format a JSON path into out (truncated past POL_PATH_MAX). */
void
pol_path(char out[POL_PATH_MAX], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(out, POL_PATH_MAX, fmt, ap);
	va_end(ap);
}

/* Read a string or a non-empty array of strings (borrowed from item). */
int
pol_string_list(struct pol_parse *ps, const cJSON *item, const char *path,
    const char ***vals, size_t *n)
{
	const cJSON *el;
	char sub[POL_PATH_MAX];
	size_t i = 0;

	*vals = NULL;
	*n = 0;
	if (cJSON_IsString(item)) {
		*vals = hs_xmalloc(sizeof **vals);
		(*vals)[(*n)++] = item->valuestring;
		return 0;
	}
	if (!cJSON_IsArray(item))
		return pol_fail(ps, path, "must be a string or an array of "
		    "strings");
	if (cJSON_GetArraySize(item) == 0)
		return pol_fail(ps, path, "must not be empty");
	*vals = hs_xreallocarray(NULL, (size_t)cJSON_GetArraySize(item),
	    sizeof **vals);
	cJSON_ArrayForEach(el, item) {
		if (!cJSON_IsString(el)) {
			pol_path(sub, "%s[%zu]", path, i);
			free(*vals);
			*vals = NULL;
			return pol_fail(ps, sub, "must be a string");
		}
		(*vals)[(*n)++] = el->valuestring;
		i++;
	}
	return 0;
}

/* The text of a string, number or boolean value, or NULL. */
char *
pol_scalar_text(struct pol_parse *ps, const cJSON *item, const char *path)
{
	const struct pj_node *node;

	if (cJSON_IsString(item))
		return hs_xstrdup(item->valuestring);
	if (cJSON_IsBool(item))
		return hs_xstrdup(cJSON_IsTrue(item) ? "true" : "false");
	if (cJSON_IsNumber(item)) {
		node = pj_find(ps->doc, path);
		if (node != NULL)
			return hs_xstrndup(ps->doc->text + node->start,
			    node->end - node->start);
		return hs_xasprintf("%.17g", item->valuedouble);
	}
	return NULL;
}

/* The allowed member name closest to name, or NULL. */
static const char *
suggest(const char *name, const char *const *allowed)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (; *allowed != NULL; allowed++) {
		size_t d = strcasecmp(name, *allowed) == 0 ? 0 :
		    hs_edit_distance(name, *allowed);

		if (d < best_d) {
			best_d = d;
			best = *allowed;
		}
	}
	return best;
}

/* Refuse members of obj that are not in allowed (NULL-terminated). */
int
pol_check_members(struct pol_parse *ps, const cJSON *obj, const char *path,
    const char *const *allowed)
{
	const cJSON *m;
	const char *const *a;
	char sub[POL_PATH_MAX];

	cJSON_ArrayForEach(m, obj) {
		const char *hint;

		for (a = allowed; *a != NULL; a++)
			if (strcmp(m->string, *a) == 0)
				break;
		if (*a != NULL)
			continue;
		pol_path(sub, "%s%s%s", path, *path ? "." : "",
		    m->string);
		hint = suggest(m->string, allowed);
		if (hint != NULL)
			return pol_fail(ps, sub, "unknown element (did you mean "
			    "\"%s\"?)", hint);
		return pol_fail(ps, sub, "unknown element");
	}
	return 0;
}

static int
parse_version(struct pol_parse *ps, const cJSON *v)
{
	if (v == NULL) {
		ps->p->version = hs_xstrdup("");
		return 0;
	}
	if (!cJSON_IsString(v) || (strcmp(v->valuestring, "2012-10-17") != 0 &&
	    strcmp(v->valuestring, "2008-10-17") != 0))
		return pol_fail(ps, "Version", "must be \"2012-10-17\" or "
		    "\"2008-10-17\"");
	ps->p->version = hs_xstrdup(v->valuestring);
	ps->p->variables = strcmp(v->valuestring, "2012-10-17") == 0;
	return 0;
}

/* Where statement i sits in the text. */
static void
statement_span(struct pol_parse *ps, const char *path, struct pol_statement *st)
{
	const struct pj_node *node = pj_find(ps->doc, path);

	if (node == NULL)
		return;
	pj_position(ps->doc->text, node->start, &st->start);
	pj_position(ps->doc->text, node->end, &st->end);
}

/* Refuse two statements with the same Sid. */
static int
check_sids(struct pol_parse *ps, bool array)
{
	struct policy *p = ps->p;
	size_t i, j;
	char path[POL_PATH_MAX];

	for (i = 0; i < p->n; i++)
		for (j = 0; j < i; j++)
			if (p->st[i].sid && p->st[j].sid &&
			    strcmp(p->st[i].sid, p->st[j].sid) == 0) {
				pol_path(path, array ?
				    "Statement[%zu].Sid" : "Statement.Sid", i);
				return pol_fail(ps, path, "Statement IDs (SID) "
				    "in a single policy must be unique ('%s' is "
				    "also statement %zu's)", p->st[i].sid, j);
			}
	return 0;
}

static int
parse_statements(struct pol_parse *ps, const cJSON *stmts)
{
	struct policy *p = ps->p;
	const cJSON *el;
	char path[POL_PATH_MAX];
	size_t n;

	if (stmts == NULL)
		return pol_fail(ps, "", "missing required field Statement");
	if (cJSON_IsObject(stmts)) {
		p->st = hs_xcalloc(1, sizeof *p->st);
		p->n = 1;
		p->single = true;
		statement_span(ps, "Statement", &p->st[0]);
		return pol_parse_statement(ps, stmts, "Statement", &p->st[0]);
	}
	if (!cJSON_IsArray(stmts))
		return pol_fail(ps, "Statement", "must be an object or an array "
		    "of objects");
	n = (size_t)cJSON_GetArraySize(stmts);
	if (n == 0)
		return pol_fail(ps, "Statement", "must not be empty");
	p->st = hs_xcalloc(n, sizeof *p->st);
	cJSON_ArrayForEach(el, stmts) {
		pol_path(path, "Statement[%zu]", p->n);
		statement_span(ps, path, &p->st[p->n]);
		if (pol_parse_statement(ps, el, path, &p->st[p->n++]) < 0)
			return -1;
	}
	return check_sids(ps, true);
}

static int
parse_document(struct pol_parse *ps, const cJSON *root)
{
	static const char *const top[] = { "Version", "Id", "Statement", NULL };
	const cJSON *id;

	if (!cJSON_IsObject(root))
		return pol_fail(ps, "", "the policy must be a JSON object");
	if (pol_check_members(ps, root, "", top) < 0 ||
	    parse_version(ps, cJSON_GetObjectItemCaseSensitive(root,
	    "Version")) < 0)
		return -1;
	id = cJSON_GetObjectItemCaseSensitive(root, "Id");
	if (id != NULL && !cJSON_IsString(id))
		return pol_fail(ps, "Id", "must be a string");
	if (id != NULL)
		ps->p->doc_id = hs_xstrdup(id->valuestring);
	return parse_statements(ps, cJSON_GetObjectItemCaseSensitive(root,
	    "Statement"));
}

static struct policy *
policy_new(const struct policy_parse_opts *opts)
{
	struct policy *p = hs_xcalloc(1, sizeof *p);

	p->type = opts ? opts->type : POLICY_IDENTITY;
	p->id = hs_xstrdup(opts && opts->id ? opts->id : "");
	if (opts && opts->source_type)
		p->source_type = hs_xstrdup(opts->source_type);
	else
		p->source_type = hs_xstrdup(p->type == POLICY_IDENTITY ?
		    "none" : "resource");
	return p;
}

/* Parse a policy document as AWS accepts it. */
struct policy *
policy_parse(const char *json, size_t len, const struct policy_parse_opts *opts,
    char **cause)
{
	struct pj_doc doc;
	struct pol_parse ps = { &doc, NULL, NULL };
	cJSON *root;

	if (len > POL_MAX_DOCUMENT) {
		*cause = hs_xasprintf("the policy document is too large (%zu "
		    "bytes; at most %zu)", len, POL_MAX_DOCUMENT);
		return NULL;
	}
	if (pj_scan(&doc, json, len, cause) < 0)
		return NULL;
	root = cJSON_ParseWithLength(json, len);
	ps.p = policy_new(opts);
	if (root == NULL)
		pol_fail(&ps, "", "invalid JSON");
	else
		parse_document(&ps, root);
	cJSON_Delete(root);
	pj_release(&doc);
	if (ps.error == NULL)
		return ps.p;
	policy_free(ps.p);
	*cause = ps.error;
	return NULL;
}

/* Tell the type a statement object suggests, or -1 for none. */
static int
statement_type(const cJSON *st)
{
	if (!cJSON_IsObject(st) ||
	    (cJSON_GetObjectItemCaseSensitive(st, "Principal") == NULL &&
	    cJSON_GetObjectItemCaseSensitive(st, "NotPrincipal") == NULL))
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(st, "Resource") == NULL &&
	    cJSON_GetObjectItemCaseSensitive(st, "NotResource") == NULL)
		return POLICY_TRUST;
	return POLICY_RESOURCE;
}

/* Guess where a document is meant to be attached. */
enum policy_type
policy_guess_type(const char *json, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	const cJSON *stmts = cJSON_GetObjectItemCaseSensitive(root, "Statement");
	const cJSON *el;
	int t = -1;

	if (cJSON_IsObject(stmts))
		t = statement_type(stmts);
	else if (cJSON_IsArray(stmts))
		cJSON_ArrayForEach(el, stmts)
			if (t < 0)
				t = statement_type(el);
	cJSON_Delete(root);
	return t < 0 ? POLICY_IDENTITY : (enum policy_type)t;
}

void
policy_free(struct policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		pol_statement_release(&p->st[i]);
	free(p->st);
	free(p->version);
	free(p->doc_id);
	free(p->id);
	free(p->source_type);
	free(p);
}

enum policy_type
policy_get_type(const struct policy *p)
{
	return p->type;
}

const char *
policy_get_id(const struct policy *p)
{
	return p->id;
}

const char *
policy_get_source_type(const struct policy *p)
{
	return p->source_type;
}

const char *
policy_get_version(const struct policy *p)
{
	return p->version;
}

size_t
policy_statement_count(const struct policy *p)
{
	return p->n;
}

const char *
policy_statement_sid(const struct policy *p, size_t i)
{
	return i < p->n ? p->st[i].sid : NULL;
}

bool
policy_statement_is_deny(const struct policy *p, size_t i)
{
	return i < p->n && p->st[i].deny;
}

/* Where statement i begins and ends. */
void
policy_statement_span(const struct policy *p, size_t i,
    struct policy_position *start, struct policy_position *end)
{
	static const struct policy_position none = { 0, 0 };

	*start = i < p->n ? p->st[i].start : none;
	*end = i < p->n ? p->st[i].end : none;
}
