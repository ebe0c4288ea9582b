/*
 * cmd-policy-models.c: which IAM actions the installed service models
 * define, for `policy check` (the lint's check_action callback).
 *
 * An IAM prefix names a service by its model's data folder ("s3"), or by
 * its metadata.signingName ("ses" is also sesv2) or endpointPrefix
 * ("states" is stepfunctions). All three are tried, and an action is
 * known when any model so named has an operation of that name (the IAM
 * names that are no operation names are settled by policy/ first).
 *
 * Loading all 400-odd botocore models to read their metadata takes
 * seconds, so the metadata comes from the first bytes of each model file
 * (botocore writes "version", then "metadata", first); only the models
 * that match a prefix are loaded, with aws_model_get(). The model file
 * is picked as aws/model-load.c does: the newest api version found in
 * any folder of the search path, from the first folder that has it.
 * Where no model is installed at all, the answer is "cannot tell" and
 * lint skips the check.
 */
#include "hs-common.h"
#include "commands-int.h"
#include "aws/model.h"

#include <dirent.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

/* How much of a model file is read to find its metadata. */
#define META_MAX_BYTES 65536

/* What the metadata of one service says. */
struct svc_meta {
	char *name;		/* the data folder: "sesv2" */
	char *signing;		/* metadata.signingName, or NULL */
	char *endpoint;		/* metadata.endpointPrefix, or NULL */
};

struct hs_action_models {
	struct svc_meta *svc;
	size_t n;
	bool indexed;		/* svc has been filled in */
};

/* The path of DIR/SERVICE/VERSION/service-2.json(.gz), or NULL. */
static char *
model_in(const char *dir, const char *service, const char *version)
{
	static const char *const names[] = { "service-2.json",
		"service-2.json.gz" };
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(names); i++) {
		char *path = hs_xasprintf("%s/%s/%s/%s", dir, service, version,
		    names[i]);

		if (access(path, R_OK) == 0)
			return path;
		free(path);
	}
	return NULL;
}

/* Keep in *best the newest version of service under dir with a model. */
static void
newest_version(const char *dir, const char *service, char **best)
{
	char *sdir = hs_xasprintf("%s/%s", dir, service), *file;
	DIR *d = opendir(sdir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' ||
		    (*best != NULL && strcmp(e->d_name, *best) <= 0))
			continue;
		if ((file = model_in(dir, service, e->d_name)) == NULL)
			continue;
		free(file);
		free(*best);
		*best = hs_xstrdup(e->d_name);
	}
	if (d != NULL)
		closedir(d);
	free(sdir);
}

/* The model file of service that aws_model_get() would read, or NULL. */
static char *
model_file(char **path, const char *service)
{
	char *best = NULL, *file = NULL;
	size_t i;

	for (i = 0; path[i] != NULL; i++)
		newest_version(path[i], service, &best);
	for (i = 0; best != NULL && path[i] != NULL && file == NULL; i++)
		file = model_in(path[i], service, best);
	free(best);
	return file;
}

/* The length of the JSON object at s (up to its '}'), or 0 if cut off. */
HS_STATIC size_t
models_object_length(const char *s, size_t len)
{
	size_t i, depth = 0;
	bool in_string = false;

	for (i = 0; i < len; i++) {
		if (in_string) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				in_string = false;
		} else if (s[i] == '"') {
			in_string = true;
		} else if (s[i] == '{') {
			depth++;
		} else if (s[i] == '}' && depth > 0 && --depth == 0) {
			return i + 1;
		}
	}
	return 0;
}

/* The "metadata" object at the start of a model's text, or NULL. */
HS_STATIC cJSON *
models_metadata_in(const char *text, size_t len)
{
	const char *key = memmem(text, len, "\"metadata\"", 10), *obj;
	size_t olen;

	if (key == NULL)
		return NULL;
	obj = memchr(key, '{', len - (size_t)(key - text));
	if (obj == NULL)
		return NULL;
	olen = models_object_length(obj, len - (size_t)(obj - text));
	return olen > 0 ? cJSON_ParseWithLength(obj, olen) : NULL;
}

/* A copy of a string member of o, or NULL. */
static char *
string_member(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? hs_xstrdup(v->valuestring) : NULL;
}

/* Fill m from the start of the file at path (or, when the metadata is
 * not there, from the whole model). */
static void
read_meta(struct svc_meta *m, const char *path)
{
	gzFile f = gzopen(path, "rb");
	char *text = hs_xmalloc(META_MAX_BYTES);
	int n = f != NULL ? gzread(f, text, META_MAX_BYTES) : -1;
	cJSON *meta = n > 0 ? models_metadata_in(text, (size_t)n) : NULL;
	const struct aws_service *svc;
	char *cause = NULL;

	if (meta != NULL) {
		m->signing = string_member(meta, "signingName");
		m->endpoint = string_member(meta, "endpointPrefix");
	} else if ((svc = aws_model_get(m->name, &cause)) != NULL) {
		m->signing = svc->signing_name ? hs_xstrdup(svc->signing_name) :
		    NULL;
		m->endpoint = svc->endpoint_prefix ?
		    hs_xstrdup(svc->endpoint_prefix) : NULL;
	}
	free(cause);
	cJSON_Delete(meta);
	free(text);
	if (f != NULL)
		gzclose(f);
}

/* Read the metadata of every installed service, once. */
static void
index_models(struct hs_action_models *m)
{
	char **path, **names;
	size_t n, i;

	if (m->indexed)
		return;
	m->indexed = true;
	names = aws_model_list_services(&n);
	path = aws_model_search_path();
	m->svc = hs_xcalloc(n + 1, sizeof *m->svc);
	for (i = 0; i < n; i++) {
		char *file = model_file(path, names[i]);
		struct svc_meta *s = &m->svc[m->n++];

		s->name = hs_xstrdup(names[i]);
		if (file != NULL)
			read_meta(s, file);
		free(file);
	}
	aws_model_list_free(path, SIZE_MAX);
	aws_model_list_free(names, n);
}

/* Tell whether the service s answers to the IAM prefix. */
static bool
names_prefix(const struct svc_meta *s, const char *prefix)
{
	return strcasecmp(s->name, prefix) == 0 ||
	    (s->signing != NULL && strcasecmp(s->signing, prefix) == 0) ||
	    (s->endpoint != NULL && strcasecmp(s->endpoint, prefix) == 0);
}

/* Tell whether the model of service defines action (wildcards allowed). */
static bool
defines(const char *service, const char *action)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get(service, &cause);
	size_t i;

	free(cause);
	for (i = 0; svc != NULL && i < svc->n_operations; i++)
		if (policy_wildcard_match(action, svc->operations[i].name, true))
			return true;
	return false;
}

/* Answer whether the service with IAM prefix `service` defines action. */
enum policy_action_status
hs_action_models_check(void *arg, const char *service, const char *action)
{
	struct hs_action_models *m = arg;
	bool named = false;
	size_t i;

	index_models(m);
	if (m->n == 0)
		return POLICY_ACTION_CANNOT_TELL;
	for (i = 0; i < m->n; i++) {
		if (!names_prefix(&m->svc[i], service))
			continue;
		named = true;
		if (defines(m->svc[i].name, action))
			return POLICY_ACTION_KNOWN;
	}
	return named ? POLICY_ACTION_UNKNOWN : POLICY_ACTION_NO_SERVICE;
}

/* A checker that has read nothing yet. */
struct hs_action_models *
hs_action_models_new(void)
{
	return hs_xcalloc(1, sizeof(struct hs_action_models));
}

/* Free the checker (the models stay in aws/'s cache). */
void
hs_action_models_free(struct hs_action_models *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++) {
		free(m->svc[i].name);
		free(m->svc[i].signing);
		free(m->svc[i].endpoint);
	}
	free(m->svc);
	free(m);
}
