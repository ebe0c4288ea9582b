/*
 * help.c: `SERVICE help` and `SERVICE OPERATION help`, from the models,
 * laid out as the AWS CLI's help pages are (NAME, DESCRIPTION, SYNOPSIS,
 * OPTIONS, OUTPUT), in plain text: every argument with its type, a
 * "[required]" mark, its documentation, "Possible values", its nested
 * members, the shorthand example and the JSON syntax the CLI shows
 * (clidocs.py _json_example).
 *
 * Not shown: the CLI's EXAMPLES section (the rst files of awscli/examples, not part
 * of the models) and operations the CLI hides (deprecated, removed).
 */
#include "hs-common.h"
#include "operation.h"

/* Nesting shown under an argument before "...". */
#define HELP_MAX_DEPTH 8

#define MARGIN 7	/* the man page margin of section bodies */

struct stack {
	const char *names[HELP_MAX_DEPTH + 2];
	size_t n;
};

static void member_tree(struct hs_buf *out, const char *label,
    const struct aws_ref *ref, bool required, int indent, int width,
    struct stack *st);

static void
spaces(struct hs_buf *out, int n)
{
	while (n-- > 0)
		hs_buf_addch(out, ' ');
}

static void
heading(struct hs_buf *out, const char *title)
{
	if (out->len > 0)
		hs_buf_addch(out, '\n');
	hs_buf_addf(out, "%s\n", title);
}

/* The documentation of a reference: the member's own, else its shape's. */
static const char *
doc_of(const struct aws_ref *ref)
{
	if (ref->traits->documentation != NULL)
		return ref->traits->documentation;
	return ref->shape ? ref->shape->traits.documentation : NULL;
}

static const char *
type_of(const struct aws_shape *s)
{
	return (s->flags & AWS_SHAPE_DOCUMENT) ? "document" :
	    aws_shape_type_name(s->type);
}

/* "Possible values:" and the enum, as bullets. */
static void
enums(struct hs_buf *out, const struct aws_shape *s, int indent, int width)
{
	size_t i;

	if (s->type != AWS_SHAPE_STRING || s->n_enums == 0)
		return;
	hs_buf_addch(out, '\n');
	spaces(out, indent);
	hs_buf_adds(out, "Possible values:\n\n");
	for (i = 0; i < s->n_enums; i++)
		hs_help_wrap(out, s->enums[i], indent + 2, "o ", width);
}

/* The members of a structure, list or map, one level down. */
static void
children(struct hs_buf *out, const struct aws_shape *s, int indent,
    int width, struct stack *st)
{
	size_t i;

	if (s->flags & AWS_SHAPE_DOCUMENT)
		return;
	if (s->type == AWS_SHAPE_STRUCTURE)
		for (i = 0; i < s->n_members; i++)
			member_tree(out, s->members[i].name, &s->members[i].ref,
			    s->members[i].required, indent, width, st);
	else if (s->type == AWS_SHAPE_LIST)
		member_tree(out, NULL, &s->member, false, indent, width, st);
	else if (s->type == AWS_SHAPE_MAP) {
		member_tree(out, "key", &s->key, false, indent, width, st);
		member_tree(out, "value", &s->value, false, indent, width, st);
	}
}

/* "Name -> (type) [required]", its documentation and its members. */
static void
member_tree(struct hs_buf *out, const char *label, const struct aws_ref *ref,
    bool required, int indent, int width, struct stack *st)
{
	const struct aws_shape *s = ref->shape;
	size_t i, seen = 0;

	hs_buf_addch(out, '\n');
	spaces(out, indent);
	if (label != NULL)
		hs_buf_addf(out, "%s -> ", label);
	hs_buf_addf(out, "(%s)%s\n", type_of(s), required ? " [required]" :
	    "");
	for (i = 0; i < st->n; i++)
		seen += strcmp(st->names[i], s->name) == 0;
	if (seen > 0 || st->n >= HELP_MAX_DEPTH) {
		spaces(out, indent + 3);
		hs_buf_adds(out, seen ? "( ... recursive ... )\n" : "...\n");
		return;
	}
	if (doc_of(ref) != NULL && *doc_of(ref) != '\0') {
		hs_buf_addch(out, '\n');
		hs_help_html(out, doc_of(ref), indent + 3, width);
	}
	enums(out, s, indent + 3, width);
	st->names[st->n++] = s->name;
	children(out, s, indent + 3, width, st);
	st->n--;
}

/* --- JSON syntax (clidocs.py _json_example) ------------------------------ */

struct jwriter {
	struct hs_buf *out;
	int base;	/* left margin */
	int level;	/* indentation level, 2 columns each */
};

static void json_example(struct jwriter *w, const struct aws_shape *s,
    struct stack *st);

static void
jnewline(struct jwriter *w)
{
	hs_buf_addch(w->out, '\n');
	spaces(w->out, w->base + 2 * w->level);
}

static bool
is_scalar(const struct aws_shape *s)
{
	return s->type != AWS_SHAPE_STRUCTURE && s->type != AWS_SHAPE_LIST &&
	    s->type != AWS_SHAPE_MAP;
}

/* A scalar's sample: "string", the enum values, true|false, a type. */
static void
jvalue(struct jwriter *w, const struct aws_shape *s)
{
	size_t i;

	if (s->type == AWS_SHAPE_STRING && s->n_enums > 0)
		for (i = 0; i < s->n_enums; i++)
			hs_buf_addf(w->out, "%s\"%s\"", i ? "|" : "",
			    s->enums[i]);
	else if (s->type == AWS_SHAPE_STRING)
		hs_buf_adds(w->out, "\"string\"");
	else if (s->type == AWS_SHAPE_BOOLEAN)
		hs_buf_adds(w->out, "true|false");
	else
		hs_buf_adds(w->out, aws_shape_type_name(s->type));
}

static void
jstructure(struct jwriter *w, const struct aws_shape *s, struct stack *st)
{
	size_t i;

	hs_buf_addch(w->out, '{');
	w->level++;
	jnewline(w);
	for (i = 0; i < s->n_members; i++) {
		const struct aws_shape *m = s->members[i].ref.shape;

		hs_buf_addf(w->out, "\"%s\": ", s->members[i].name);
		if (is_scalar(m))
			jvalue(w, m);
		else
			json_example(w, m, st);
		if (i + 1 < s->n_members) {
			hs_buf_addch(w->out, ',');
			jnewline(w);
		}
	}
	w->level--;
	jnewline(w);
	hs_buf_addch(w->out, '}');
}

static void
jlist(struct jwriter *w, const struct aws_shape *s, struct stack *st)
{
	hs_buf_addch(w->out, '[');
	if (is_scalar(s->member.shape)) {
		jvalue(w, s->member.shape);
		hs_buf_adds(w->out, ", ...");
	} else {
		w->level++;
		jnewline(w);
		json_example(w, s->member.shape, st);
		jnewline(w);
		hs_buf_adds(w->out, "...");
		w->level--;
		jnewline(w);
	}
	hs_buf_addch(w->out, ']');
}

static void
jmap(struct jwriter *w, const struct aws_shape *s, struct stack *st)
{
	hs_buf_addch(w->out, '{');
	w->level++;
	jvalue(w, s->key.shape);
	hs_buf_adds(w->out, ": ");
	if (is_scalar(s->value.shape))
		jvalue(w, s->value.shape);
	else {
		w->level++;
		json_example(w, s->value.shape, st);
		w->level--;
	}
	jnewline(w);
	hs_buf_adds(w->out, "...");
	w->level--;
	hs_buf_addch(w->out, '}');
}

static void
json_example(struct jwriter *w, const struct aws_shape *s, struct stack *st)
{
	size_t i, seen = 0;

	for (i = 0; i < st->n; i++)
		seen += strcmp(st->names[i], s->name) == 0;
	if (seen > 1 || st->n > HELP_MAX_DEPTH) {
		if (s->type == AWS_SHAPE_STRUCTURE)
			hs_buf_adds(w->out, "{ ... recursive ... }");
		return;
	}
	st->names[st->n++] = s->name;
	if (s->flags & AWS_SHAPE_DOCUMENT)
		hs_buf_adds(w->out, "{...}");
	else if (s->type == AWS_SHAPE_LIST)
		jlist(w, s, st);
	else if (s->type == AWS_SHAPE_MAP)
		jmap(w, s, st);
	else if (s->type == AWS_SHAPE_STRUCTURE)
		jstructure(w, s, st);
	st->n--;
}

/* "Shorthand Syntax:" and "JSON Syntax:" of an argument. */
static void
syntax(struct hs_buf *out, const struct hs_param *p, int width)
{
	const struct aws_shape *s = p->member->ref.shape;
	struct stack st = { { NULL }, 0 };
	struct jwriter w = { out, MARGIN + 3, 0 };
	struct hs_buf ex = HS_BUF_INIT;

	if (is_scalar(s))
		return;
	if (hs_shorthand_example(&ex, s, p->kind == HS_PARAM_ZIP_PARENT ?
	    "ZipFile" : NULL)) {
		hs_buf_addch(out, '\n');
		spaces(out, MARGIN);
		hs_buf_adds(out, "Shorthand Syntax:\n\n");
		spaces(out, MARGIN + 3);
		for (const char *c = ex.buf; *c; c++) {
			hs_buf_addch(out, *c);
			if (*c == '\n' && c[1] != '\0')
				spaces(out, MARGIN + 3);
		}
		hs_buf_addch(out, '\n');
	}
	hs_buf_release(&ex);
	hs_buf_addch(out, '\n');
	spaces(out, MARGIN);
	hs_buf_adds(out, "JSON Syntax:\n\n");
	spaces(out, MARGIN + 3);
	json_example(&w, s, &st);
	hs_buf_addch(out, '\n');
	(void)width;
}

/* The text of the arguments that are not input members. */
static const char *
custom_doc(const struct hs_param *p)
{
	switch (p->kind) {
	case HS_PARAM_OUTFILE:
		return "<p>Filename where the content will be saved</p>";
	case HS_PARAM_ZIP_FILE:
		return "<p>The path to the zip file of the code you are "
		    "uploading. Specify --zip-file or --code, but not both. "
		    "Example: fileb://code.zip</p>";
	case HS_PARAM_CLI_INPUT_JSON:
		return "<p>Reads arguments from the JSON string provided (or "
		    "file://PATH). The JSON string follows the format provided "
		    "by --generate-cli-skeleton. If other arguments are provided "
		    "on the command line, those values will override the "
		    "JSON-provided values.</p>";
	case HS_PARAM_SKELETON:
		return "<p>Prints a JSON skeleton to standard output without "
		    "sending an API request. If provided with no value or the "
		    "value input, prints a sample input JSON that can be used as "
		    "an argument for --cli-input-json. If provided with the value "
		    "output, it validates the command inputs and returns a "
		    "sample output JSON for that command.</p>";
	case HS_PARAM_STARTING_TOKEN:
		return "<p>A token to specify where to start paginating. This "
		    "is the NextToken from a previously truncated response.</p>";
	case HS_PARAM_PAGE_SIZE:
		return "<p>The size of each page to get in the AWS service "
		    "call. This does not affect the number of items returned in "
		    "the command's output. Setting a smaller page size results "
		    "in more calls to the AWS service, retrieving fewer items in "
		    "each call.</p>";
	case HS_PARAM_MAX_ITEMS:
		return "<p>The total number of items to return in the command's "
		    "output. If the total number of items available is more than "
		    "the value specified, a NextToken is provided in the "
		    "command's output. To resume pagination, provide the "
		    "NextToken value in the starting-token argument of a "
		    "subsequent command.</p>";
	default:
		return NULL;
	}
}

/* The --no-x partner of a flag, when it is documented. */
static const struct hs_param *
negation(const struct hs_param_table *t, const struct hs_param *p)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].kind == HS_PARAM_NO_FLAG &&
		    t->v[i].member == p->member && !t->v[i].hidden)
			return &t->v[i];
	return NULL;
}

/* One line of the synopsis. */
static void
synopsis_line(struct hs_buf *out, const struct hs_param_table *t,
    const struct hs_param *p)
{
	const struct hs_param *no;

	if (p->hidden || p->kind == HS_PARAM_NO_FLAG)
		return;
	spaces(out, MARGIN + 3);
	if (p->arity == HS_ARITY_POSITIONAL)
		hs_buf_addf(out, "<%s>\n", p->name);
	else if (p->arity == HS_ARITY_FLAG && (no = negation(t, p)) != NULL)
		hs_buf_addf(out, "[--%s | --%s]\n", p->name, no->name);
	else if (p->arity == HS_ARITY_FLAG)
		hs_buf_addf(out, "[--%s]\n", p->name);
	else
		hs_buf_addf(out, p->required ? "--%s <value>\n" :
		    "[--%s <value>]\n", p->name);
}

/* One argument of OPTIONS. */
static void
option(struct hs_buf *out, const struct hs_param_table *t,
    const struct hs_param *p, int width)
{
	const struct aws_ref *ref = p->member ? &p->member->ref : NULL;
	const struct hs_param *no = p->arity == HS_ARITY_FLAG ?
	    negation(t, p) : NULL;
	bool required = p->required || (p->member && p->member->required &&
	    p->kind == HS_PARAM_MEMBER && !(ref->traits->flags &
	    AWS_TRAIT_IDEMPOTENCY_TOKEN));
	struct stack st = { { NULL }, 0 };
	const char *doc = custom_doc(p);

	if (p->hidden || p->kind == HS_PARAM_NO_FLAG)
		return;
	hs_buf_addch(out, '\n');
	spaces(out, MARGIN);
	hs_buf_addf(out, "%s%s", p->arity == HS_ARITY_POSITIONAL ? "" : "--",
	    p->name);
	if (no != NULL)
		hs_buf_addf(out, " | --%s", no->name);
	hs_buf_addf(out, " (%s)%s\n", p->type_name, required ?
	    " [required]" : "");
	if (doc == NULL && ref != NULL)
		doc = doc_of(ref);
	if (doc != NULL && *doc != '\0')
		hs_help_html(out, doc, MARGIN + 3, width);
	if (ref == NULL || p->kind == HS_PARAM_ZIP_FILE || custom_doc(p) != NULL)
		return;
	if (ref->shape->type == AWS_SHAPE_BLOB &&
	    (ref->traits->flags & AWS_TRAIT_STREAMING))
		hs_help_wrap(out, "This argument is of type: streaming blob. Its "
		    "value must be the path to a file (e.g. path/to/file) and "
		    "must not be prefixed with file:// or fileb://", MARGIN + 3,
		    NULL, width);
	enums(out, ref->shape, MARGIN + 3, width);
	st.names[st.n++] = ref->shape->name;
	if (p->kind == HS_PARAM_ZIP_PARENT) {
		for (size_t i = 0; i < ref->shape->n_members; i++)
			if (strcmp(ref->shape->members[i].name, "ZipFile") != 0)
				member_tree(out, ref->shape->members[i].name,
				    &ref->shape->members[i].ref,
				    ref->shape->members[i].required, MARGIN + 3,
				    width, &st);
	} else
		children(out, ref->shape, MARGIN + 3, width, &st);
	syntax(out, p, width);
}

/* `SERVICE OPERATION help`. */
void
hs_help_operation(struct hs_buf *out, const struct hs_param_table *t,
    const char *global, int width)
{
	const struct aws_operation *op = t->op;
	struct stack st = { { NULL }, 0 };
	size_t i;

	heading(out, "NAME");
	hs_buf_addf(out, "%*s%s -\n", MARGIN, "", op->cli_name);
	heading(out, "DESCRIPTION");
	hs_help_html(out, op->documentation, MARGIN, width);
	if (op->paginator != NULL) {
		hs_buf_addch(out, '\n');
		hs_help_wrap(out, "This is a paginated operation. Multiple API "
		    "calls may be issued in order to retrieve the entire data "
		    "set of results. You can disable pagination by providing "
		    "the --no-paginate argument.", MARGIN, NULL, width);
	}
	heading(out, "SYNOPSIS");
	hs_buf_addf(out, "%*s%s\n", MARGIN + 5, "", op->cli_name);
	for (i = 0; i < t->n; i++)
		synopsis_line(out, t, &t->v[i]);
	heading(out, "OPTIONS");
	if (t->n == 0)
		hs_buf_addf(out, "%*sNone\n", MARGIN, "");
	for (i = 0; i < t->n; i++)
		option(out, t, &t->v[i], width);
	if (global != NULL) {
		heading(out, "GLOBAL OPTIONS");
		hs_buf_adds(out, global);
	}
	heading(out, "OUTPUT");
	if (op->output.shape == NULL || op->output.shape->n_members == 0)
		hs_buf_addf(out, "%*sNone\n", MARGIN, "");
	else
		for (i = 0; i < op->output.shape->n_members; i++)
			member_tree(out, op->output.shape->members[i].name,
			    &op->output.shape->members[i].ref, false, MARGIN,
			    width, &st);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* `SERVICE help`. */
void
hs_help_service(struct hs_buf *out, const struct aws_service *svc, int width)
{
	const char **names = hs_xcalloc(svc->n_operations + 1, sizeof *names);
	size_t i, n = 0;

	heading(out, "NAME");
	hs_buf_addf(out, "%*s%s -\n", MARGIN, "", svc->cli_name);
	heading(out, "DESCRIPTION");
	hs_help_html(out, svc->documentation, MARGIN, width);
	heading(out, "AVAILABLE COMMANDS");
	for (i = 0; i < svc->n_operations; i++) {
		const struct aws_operation *op = &svc->operations[i];

		if (!(op->flags & AWS_OP_DEPRECATED) &&
		    !hs_operation_removed(svc->cli_name, op->cli_name))
			names[n++] = op->cli_name;
	}
	qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; i < n; i++)
		hs_buf_addf(out, "%*so %s\n", MARGIN, "", names[i]);
	free(names);
}
