/*
 * params-table.c: the arguments of an operation, as the AWS CLI builds
 * its argument table (clidriver.py ServiceOperation, then the
 * building-argument-table customizations):
 *
 *   - one --NAME per input member (botocore's xform_name), required when
 *     the model requires it, except idempotency tokens; a boolean gets
 *     --NAME and --no-NAME, and neither is required (argparse does not
 *     enforce a required flag; validation reports it);
 *   - lambda create-function / publish-layer-version: --zip-file, and
 *     --code / --content without their ZipFile (awslambda.py);
 *   - an operation whose output payload is a blob takes a positional
 *     OUTFILE and offers neither --cli-input-json nor
 *     --generate-cli-skeleton (streamingoutputarg.py, cliinput.py);
 *   - a paginated operation gets --starting-token, --page-size (when the
 *     paginator has a limit key) and --max-items; its own token and limit
 *     arguments stay usable but undocumented (paginate.py);
 *   - renames and hidden aliases (argrename.py).
 *
 * The order is the one `help` shows: members, --zip-file,
 * --cli-input-json, OUTFILE, the paging arguments, --generate-cli-skeleton.
 */
#include "hs-common.h"
#include "operation.h"

/* Append an argument; returns it. */
static struct hs_param *
add(struct hs_param_table *t, const char *name, enum hs_param_kind kind,
    enum hs_param_arity arity, const char *type_name)
{
	struct hs_param *p;

	if (t->n == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->v = hs_xreallocarray(t->v, t->alloc, sizeof *t->v);
	}
	p = &t->v[t->n++];
	memset(p, 0, sizeof *p);
	p->name = hs_xstrdup(name);
	p->kind = kind;
	p->arity = arity;
	p->type_name = type_name;
	return p;
}

/* Find an argument's index by name, or -1. */
static ssize_t
index_of(const struct hs_param_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return (ssize_t)i;
	return -1;
}

/* Add the argument(s) of one input member. */
static void
add_member(struct hs_param_table *t, const struct aws_member *m,
    const char *zip_parent)
{
	const struct aws_shape *s = m->ref.shape;
	const char *type = aws_shape_type_name(s->type);
	struct hs_param *p;
	char *no;

	if (zip_parent != NULL && strcmp(m->name, zip_parent) == 0) {
		p = add(t, m->cli_name, HS_PARAM_ZIP_PARENT, HS_ARITY_ONE, type);
		p->member = m;
		return;
	}
	if (s->type == AWS_SHAPE_BOOLEAN) {
		p = add(t, m->cli_name, HS_PARAM_MEMBER, HS_ARITY_FLAG, type);
		p->member = m;
		no = hs_xasprintf("no-%s", m->cli_name);
		p = add(t, no, HS_PARAM_NO_FLAG, HS_ARITY_FLAG, type);
		p->member = m;
		free(no);
		return;
	}
	p = add(t, m->cli_name, HS_PARAM_MEMBER, s->type == AWS_SHAPE_LIST ?
	    HS_ARITY_LIST : HS_ARITY_ONE, type);
	p->member = m;
	p->required = m->required &&
	    !(m->ref.traits->flags & AWS_TRAIT_IDEMPOTENCY_TOKEN);
}

/* Tell whether an operation's output payload is a blob (OUTFILE). */
static bool
streaming_output(const struct aws_operation *op)
{
	const struct aws_shape *out = op->output.shape;
	const struct aws_member *m;

	if (out == NULL || out->traits.payload == NULL)
		return false;
	m = aws_model_find_member(out, out->traits.payload);
	return m != NULL && m->ref.shape->type == AWS_SHAPE_BLOB;
}

/* Add a paging argument, in place of an argument of the same name. */
static struct hs_param *
add_paging(struct hs_param_table *t, const char *name,
    enum hs_param_kind kind, const char *type)
{
	ssize_t at = index_of(t, name);
	struct hs_param *p;

	if (at < 0)
		return add(t, name, kind, HS_ARITY_ONE, type);
	p = &t->v[at];
	p->member = p->kind == HS_PARAM_MEMBER ? p->member : NULL;
	p->kind = kind;
	p->arity = HS_ARITY_ONE;
	p->type_name = type;
	p->required = false;
	p->hidden = false;
	return p;
}

/* Hide a paginator's own token or limit argument (by member name). */
static void
hide_member(struct hs_param_table *t, const char *member)
{
	char *cli = aws_model_xform_name(member, '-');
	ssize_t at = index_of(t, cli);

	if (at >= 0)
		t->v[at].hidden = true;
	free(cli);
}

/* paginate.py unify_paging_params. */
static void
add_paging_args(struct hs_param_table *t)
{
	const struct aws_paginator *pg = t->op->paginator;
	const struct aws_member *limit = NULL;
	const char *type = "integer";
	size_t i;

	for (i = 0; i < pg->n_input_tokens; i++)
		hide_member(t, pg->input_tokens[i]);
	if (pg->limit_key != NULL) {
		hide_member(t, pg->limit_key);
		limit = aws_model_find_member(t->op->input.shape, pg->limit_key);
	}
	add_paging(t, "starting-token", HS_PARAM_STARTING_TOKEN, "string");
	if (limit != NULL) {
		type = aws_shape_type_name(limit->ref.shape->type);
		add_paging(t, "page-size", HS_PARAM_PAGE_SIZE, type);
	}
	add_paging(t, "max-items", HS_PARAM_MAX_ITEMS, type);
}

/* argrename.py: renames, then hidden aliases. */
static void
apply_renames(struct hs_param_table *t)
{
	const char *op = t->op->cli_name, *to;
	size_t i, n = t->n;

	for (i = 0; i < n; i++) {
		if ((to = hs_params_renamed(t->cmd, op, t->v[i].name)) != NULL) {
			free(t->v[i].name);
			t->v[i].name = hs_xstrdup(to);
		}
		if ((to = hs_params_alias(t->cmd, op, t->v[i].name)) != NULL) {
			struct hs_param *a;

			t->v[i].required = false;
			a = add(t, to, t->v[i].kind, t->v[i].arity,
			    t->v[i].type_name);
			a->member = t->v[i].member;
			a->hidden = true;
		}
	}
}

/* Build the arguments of an operation. */
void
hs_param_table_build(const struct aws_operation *op, struct hs_param_table *t)
{
	const struct aws_shape *in = op->input.shape;
	const char *zip = hs_params_zip_parent(op->service->cli_name,
	    op->cli_name);
	struct hs_param *p;
	size_t i;

	memset(t, 0, sizeof *t);
	t->op = op;
	t->cmd = op->service->cli_name;
	for (i = 0; in != NULL && i < in->n_members; i++)
		add_member(t, &in->members[i], zip);
	if (zip != NULL && in != NULL) {
		p = add(t, "zip-file", HS_PARAM_ZIP_FILE, HS_ARITY_ONE, "blob");
		p->member = aws_model_find_member(in, zip);
	}
	t->has_outfile = streaming_output(op);
	if (!t->has_outfile)
		add(t, "cli-input-json", HS_PARAM_CLI_INPUT_JSON, HS_ARITY_ONE,
		    "string");
	else
		add(t, "outfile", HS_PARAM_OUTFILE, HS_ARITY_POSITIONAL,
		    "string")->required = true;
	if (op->paginator != NULL && in != NULL)
		add_paging_args(t);
	if (!t->has_outfile)
		add(t, "generate-cli-skeleton", HS_PARAM_SKELETON,
		    HS_ARITY_OPTIONAL, "string");
	apply_renames(t);
}

void
hs_param_table_clear(struct hs_param_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* Find an argument by name. */
const struct hs_param *
hs_param_table_find(const struct hs_param_table *t, const char *name,
    size_t len)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].arity != HS_ARITY_POSITIONAL &&
		    strlen(t->v[i].name) == len &&
		    memcmp(t->v[i].name, name, len) == 0)
			return &t->v[i];
	return NULL;
}

/* The first argument of a kind. */
const struct hs_param *
hs_param_table_kind(const struct hs_param_table *t, enum hs_param_kind kind)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].kind == kind)
			return &t->v[i];
	return NULL;
}
