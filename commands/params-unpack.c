/*
 * params-unpack.c: the words given for one argument, turned into the
 * value of its input member as the AWS CLI v2 does it (paramfile.py,
 * argprocess.py unpack_cli_arg and ParamShorthandParser,
 * binaryformat.py, awslambda.py):
 *
 *   1. file:// and fileb:// are read (a list argument only when it has
 *      a single word);
 *   2. a jsonvalue header or a document is JSON;
 *   3. a scalar is its text: integers and floats as Python reads them
 *      (argparse's "invalid int value"), a streaming blob is the path of
 *      a regular file, a blob's text is base64 (or the bytes themselves
 *      with raw-in-base64-out; fileb:// is always the bytes), booleans
 *      are flags (list items: anything but "false" is true);
 *   4. a structure, map or list starting with '{' or '[' is JSON;
 *      otherwise shorthand syntax (a list: one shorthand value per word),
 *      or for a list of scalars one item per word.
 *
 * Deliberate differences, each refusing what the CLI turns into a
 * traceback or a wrong value: an integer that is not one is refused
 * with the argument's name (the CLI exits 255 on int("abc")); a list
 * argument read from one file:// is one item (the CLI splits its text
 * into characters); fileb:// bytes for a text argument must be UTF-8;
 * a streaming blob also takes "fileb://PATH" as PATH.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <sys/stat.h>

#define ZIP_ERROR "--zip-file must be a zip file with the fileb:// " \
	"prefix.\nExample usage:  --zip-file fileb://path/to/file.zip"

/* One argument's value on its way in: the words, or a file's content. */
struct raw {
	const char **words;	/* borrowed */
	size_t n;
	struct hs_buf file;	/* the content of file:// or fileb:// */
	enum hs_paramfile_kind kind;
	char *opt;		/* "--name", for messages */
	const char *member;	/* the member's name, for paths in messages */
};

static int unpack(const struct aws_ref *ref, const char *text, size_t len,
    bool bytes, const struct hs_input_opts *o, const struct raw *r,
    cJSON **out, char **cause);

static bool
is_streaming_blob(const struct aws_ref *ref)
{
	return ref->shape->type == AWS_SHAPE_BLOB &&
	    (ref->traits->flags & AWS_TRAIT_STREAMING);
}

/* The first non-blank byte of text (0 if none). */
static char
first_char(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isspace((unsigned char)text[i]))
			return text[i];
	return 0;
}

/* "Error parsing parameter '--x': MESSAGE" */
HS_PRINTF(3, 4) static int
param_error(const struct raw *r, char **cause, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = hs_xvasprintf(fmt, ap);
	va_end(ap);
	*cause = hs_xasprintf("Error parsing parameter '%s': %s", r->opt, msg);
	free(msg);
	return -1;
}

/* Parse JSON text ("Invalid JSON: ...\nJSON received: ..."). */
static int
unpack_json(const char *text, size_t len, const struct raw *r, cJSON **out,
    char **cause)
{
	char *why = NULL;
	int rc = 0;

	*out = aws_json_parse(text, len, &why);
	if (*out == NULL)
		rc = param_error(r, cause, "Invalid JSON: %s\nJSON received: "
		    "%.*s", why ? why : "empty value", (int)len, text);
	free(why);
	return rc;
}

/* A streaming blob: the path of a regular file, streamed when sent. */
static int
unpack_stream(const char *text, const struct raw *r, cJSON **out,
    char **cause)
{
	char *path = hs_paramfile_expand(hs_starts_with(text, "fileb://") ?
	    text + 8 : text);
	struct stat st;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode)) {
		free(path);
		return param_error(r, cause, "Blob values must be a path to a "
		    "file.");
	}
	*out = cJSON_CreateObject();
	cJSON_AddStringToObject(*out, "file", path);
	free(path);
	return 0;
}

/* A blob: bytes are encoded; text is base64, or the bytes (raw mode). */
static cJSON *
unpack_blob(const char *text, size_t len, bool bytes,
    const struct hs_input_opts *o)
{
	struct hs_buf b64 = HS_BUF_INIT;
	cJSON *v;

	if (!bytes && !o->raw_blobs)
		return cJSON_CreateString(text);
	aws_base64_encode(&b64, text, len);
	v = cJSON_CreateString(b64.buf);
	hs_buf_release(&b64);
	return v;
}

/* unpack_scalar_cli_arg, with argparse's messages for numbers. */
static int
unpack_scalar(const struct aws_ref *ref, const char *text, size_t len,
    bool bytes, const struct hs_input_opts *o, const struct raw *r,
    cJSON **out, char **cause)
{
	enum aws_shape_type type = ref->shape->type;

	if (is_streaming_blob(ref))
		return unpack_stream(text, r, out, cause);
	if (type == AWS_SHAPE_BLOB) {
		*out = unpack_blob(text, len, bytes, o);
		return 0;
	}
	if (bytes && strlen(text) != len)
		return param_error(r, cause, "fileb:// gives bytes that are not "
		    "text; %s takes a %s", r->opt, aws_shape_type_name(type));
	if (aws_shape_is_integer(type) && (*out = hs_py_int(text)) == NULL)
		*cause = hs_xasprintf("argument %s: invalid int value: '%s'",
		    r->opt, text);
	else if ((type == AWS_SHAPE_FLOAT || type == AWS_SHAPE_DOUBLE) &&
	    (*out = hs_py_float(text)) == NULL)
		*cause = hs_xasprintf("argument %s: invalid float value: '%s'",
		    r->opt, text);
	else if (type == AWS_SHAPE_BOOLEAN)
		*out = cJSON_CreateBool(*text != '\0' &&
		    strcasecmp(text, "false") != 0);
	else if (*out == NULL)
		*out = cJSON_CreateString(text);
	return *out == NULL ? -1 : 0;
}

/* A structure with only a string "Value": "--x shutdown" is {Value: x}. */
static bool
value_only(const struct aws_shape *s)
{
	return s->type == AWS_SHAPE_STRUCTURE && s->n_members == 1 &&
	    strcmp(s->members[0].name, "Value") == 0 &&
	    s->members[0].ref.shape->type == AWS_SHAPE_STRING;
}

/* One shorthand value, fitted to its shape; name: its path. */
static int
unpack_shorthand(const struct aws_ref *ref, const char *text,
    const char *name, const struct raw *r, cJSON **out, char **cause)
{
	char *why = NULL;

	if (value_only(ref->shape) && strchr(text, '=') == NULL) {
		*out = cJSON_CreateObject();
		cJSON_AddStringToObject(*out, "Value", text);
		return 0;
	}
	*out = hs_shorthand_parse(text, &why);
	if (*out != NULL && hs_shorthand_fit(out, ref, name, &why) == 0)
		return 0;
	cJSON_Delete(*out);
	*out = NULL;
	param_error(r, cause, "%s", why);
	free(why);
	return -1;
}

/* A structure or a map. */
static int
unpack_object(const struct aws_ref *ref, const char *text, size_t len,
    const struct raw *r, cJSON **out, char **cause)
{
	if (first_char(text, len) == '{')
		return unpack_json(text, len, r, out, cause);
	if (hs_shorthand_supported(ref->shape))
		return unpack_shorthand(ref, text, r->member, r, out, cause);
	return param_error(r, cause, "Invalid JSON:\n%.*s", (int)len, text);
}

/* Each word a shorthand value of the list's structure (or map). */
static int
unpack_shorthand_list(const struct aws_ref *ref, const char *const *words,
    size_t n, const struct raw *r, cJSON **out, char **cause)
{
	cJSON *item;
	size_t i;
	char *name;
	int rc;

	*out = cJSON_CreateArray();
	for (i = 0; i < n; i++) {
		name = hs_xasprintf("%s[%zu]", r->member, i);
		rc = unpack_shorthand(&ref->shape->member, words[i], name, r,
		    &item, cause);
		free(name);
		if (rc < 0) {
			cJSON_Delete(*out);
			*out = NULL;
			return -1;
		}
		cJSON_AddItemToArray(*out, item);
	}
	return 0;
}

/* "--instances i-1 i-2": the old shorthand for one-member structures. */
static cJSON *
old_list(const struct aws_shape *list, const char *const *words, size_t n)
{
	const char *key = list->member.shape->members[0].name;
	cJSON *out = cJSON_CreateArray(), *item;
	size_t i;

	for (i = 0; i < n; i++) {
		item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, key, words[i]);
		cJSON_AddItemToArray(out, item);
	}
	return out;
}

/* A list given as words (or as one file's text). */
static int
unpack_list(const struct aws_ref *ref, const char *const *words, size_t n,
    const struct hs_input_opts *o, const struct raw *r, cJSON **out,
    char **cause)
{
	const struct aws_ref *m = &ref->shape->member;
	cJSON *item;
	size_t i;

	if (n == 1 && first_char(words[0], strlen(words[0])) == '[')
		return unpack_json(words[0], strlen(words[0]), r, out, cause);
	if (n > 0 && first_char(words[0], strlen(words[0])) != '{' &&
	    hs_shorthand_supported(ref->shape))
		return unpack_shorthand_list(ref, words, n, r, out, cause);
	*out = cJSON_CreateArray();
	for (i = 0; i < n; i++) {
		if (unpack(m, words[i], strlen(words[i]), false, o, r, &item,
		    cause) < 0) {
			cJSON_Delete(*out);
			*out = NULL;
			return -1;
		}
		cJSON_AddItemToArray(*out, item);
	}
	return 0;
}

/* _unpack_cli_arg for one text value. */
static int
unpack(const struct aws_ref *ref, const char *text, size_t len, bool bytes,
    const struct hs_input_opts *o, const struct raw *r, cJSON **out,
    char **cause)
{
	const struct aws_shape *s = ref->shape;

	*out = NULL;
	if ((s->flags & AWS_SHAPE_DOCUMENT) || ((ref->traits->flags &
	    AWS_TRAIT_JSONVALUE) && ref->traits->location ==
	    AWS_LOCATION_HEADER))
		return unpack_json(text, len, r, out, cause);
	if (s->type == AWS_SHAPE_STRUCTURE || s->type == AWS_SHAPE_MAP)
		return unpack_object(ref, text, len, r, out, cause);
	if (s->type == AWS_SHAPE_LIST)
		return unpack_list(ref, &text, 1, o, r, out, cause);
	return unpack_scalar(ref, text, len, bytes, o, r, out, cause);
}

/* Read file:// or fileb:// when the argument has exactly one word. */
static int
load_file(struct raw *r, const struct aws_ref *ref, char **cause)
{
	char *why = NULL;
	int kind;

	if (r->n != 1 || is_streaming_blob(ref))
		return 0;
	kind = hs_paramfile_load(r->words[0], &r->file, &why);
	if (kind < 0) {
		param_error(r, cause, "%s", why);
		free(why);
		return -1;
	}
	r->kind = kind;
	return 0;
}

/* The value of a member argument. */
static int
unpack_member(const struct hs_param_table *t, const struct hs_param *p,
    struct raw *r, const struct hs_input_opts *o, cJSON **out, char **cause)
{
	const struct aws_ref *ref = &p->member->ref;
	bool bytes = r->kind == HS_PARAMFILE_BINARY;

	if (r->kind != HS_PARAMFILE_NONE)
		return unpack(ref, r->file.buf, r->file.len, bytes, o, r, out,
		    cause);
	if (ref->shape->type != AWS_SHAPE_LIST)
		return unpack(ref, r->words[0], strlen(r->words[0]), false, o, r,
		    out, cause);
	if (ref->shape->member.shape->type == AWS_SHAPE_STRUCTURE &&
	    ref->shape->member.shape->n_members == 1 &&
	    hs_params_old_list_case(t->cmd, t->op->cli_name, p->name)) {
		*out = old_list(ref->shape, r->words, r->n);
		return 0;
	}
	return unpack_list(ref, r->words, r->n, o, r, out, cause);
}

/* --zip-file: the bytes of a zip archive, as base64. */
static int
unpack_zip(struct raw *r, cJSON **out, char **cause)
{
	const char *data = r->kind ? r->file.buf : r->words[0];
	size_t len = r->kind ? r->file.len : strlen(r->words[0]);
	struct hs_buf b64 = HS_BUF_INIT;

	if (!hs_paramfile_is_zip(data, len)) {
		*cause = hs_xstrdup(ZIP_ERROR);
		return -1;
	}
	aws_base64_encode(&b64, data, len);
	*out = cJSON_CreateString(b64.buf);
	hs_buf_release(&b64);
	return 0;
}

/* --code / --content of lambda: the member, without its ZipFile. */
static int
unpack_zip_parent(const struct hs_param_table *t, const struct hs_param *p,
    struct raw *r, const struct hs_input_opts *o, cJSON **out, char **cause)
{
	if (unpack_member(t, p, r, o, out, cause) < 0)
		return -1;
	if (cJSON_IsObject(*out) &&
	    cJSON_GetObjectItemCaseSensitive(*out, "ZipFile") != NULL) {
		cJSON_Delete(*out);
		*out = NULL;
		*cause = hs_xasprintf("ZipFile cannot be provided as part of the "
		    "%s argument.  Please use the '--zip-file' option instead "
		    "to specify a zip file.", r->opt);
		return -1;
	}
	return 0;
}

/* Tell whether an argument is lambda update-function-code's --zip-file,
 * which the CLI checks is a zip archive too. */
static bool
checked_zip_member(const struct hs_param_table *t, const struct hs_param *p)
{
	return strcmp(t->cmd, "lambda") == 0 &&
	    strcmp(t->op->cli_name, "update-function-code") == 0 &&
	    strcmp(p->name, "zip-file") == 0;
}

/* Turn the words given for one argument into its member's value. */
int
hs_param_unpack(const struct hs_param_table *t, const struct hs_param *p,
    const struct hs_param_value *v, const struct hs_input_opts *o,
    cJSON **out, char **cause)
{
	struct raw r = { v->words, v->n, HS_BUF_INIT, HS_PARAMFILE_NONE, NULL,
	    p->member->name };
	int rc = -1;

	*out = NULL;
	r.opt = hs_xasprintf("--%s", p->name);
	if (load_file(&r, &p->member->ref, cause) < 0)
		goto cleanup;
	if (p->kind == HS_PARAM_ZIP_FILE || checked_zip_member(t, p)) {
		rc = unpack_zip(&r, out, cause);
		goto cleanup;
	}
	if (p->kind == HS_PARAM_ZIP_PARENT)
		rc = unpack_zip_parent(t, p, &r, o, out, cause);
	else
		rc = unpack_member(t, p, &r, o, out, cause);
	if (rc == 0 && o->raw_blobs && r.kind != HS_PARAMFILE_BINARY &&
	    p->member->ref.shape->type != AWS_SHAPE_BLOB)
		hs_params_encode_raw_blobs(*out, &p->member->ref);
cleanup:
	hs_buf_release(&r.file);
	free(r.opt);
	return rc;
}

/* Base64-encode every text blob of a value in place. */
void
hs_params_encode_raw_blobs(cJSON *v, const struct aws_ref *ref)
{
	const struct aws_shape *s = ref->shape;
	struct hs_buf b64 = HS_BUF_INIT;
	cJSON *item;

	if (v == NULL || (s->flags & AWS_SHAPE_DOCUMENT))
		return;
	if (s->type == AWS_SHAPE_BLOB && cJSON_IsString(v)) {
		aws_base64_encode(&b64, v->valuestring, strlen(v->valuestring));
		cJSON_SetValuestring(v, b64.buf);
		hs_buf_release(&b64);
		return;
	}
	cJSON_ArrayForEach(item, v) {
		const struct aws_member *m;

		if (s->type == AWS_SHAPE_LIST)
			hs_params_encode_raw_blobs(item, &s->member);
		else if (s->type == AWS_SHAPE_MAP)
			hs_params_encode_raw_blobs(item, &s->value);
		else if (s->type == AWS_SHAPE_STRUCTURE && (m =
		    aws_model_find_member(s, item->string)) != NULL)
			hs_params_encode_raw_blobs(item, &m->ref);
	}
}
