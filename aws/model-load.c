/*
 * model-load.c: find botocore model files, read them (gzipped or not),
 * merge the *.sdk-extras.json files in, and cache one resolved model per
 * service for the life of the process.
 *
 * Search order (model.h): $HIPAA_SHELL_MODEL_PATH, $HS_MODEL_DIR (or the
 * compiled-in HS_MODEL_DIR), $BOTOCORE_DATA (or the configured botocore
 * data folder). As botocore's Loader does, the api version is the newest
 * one found in any folder, and the file is taken from the first folder
 * that has that version.
 *
 * The cache is a list of entries, each with its own lock, so two threads
 * asking for s3 load it once while a third loads iam meanwhile.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <zlib.h>

#ifndef HS_MODEL_DIR
#define HS_MODEL_DIR ""
#endif
#ifndef HS_BOTOCORE_DATA
#define HS_BOTOCORE_DATA ""
#endif

/* The largest model file read (ec2 is about 4 MB). */
#define MODEL_MAX_BYTES ((size_t)64 << 20)

struct cache_entry {
	char *name;
	pthread_mutex_t lock;
	struct aws_service *svc;
	struct cache_entry *next;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cache_entry *cache_head;

/* Add the non-empty folders of a colon-separated list. */
static void
path_add_list(char ***list, size_t *n, const char *value)
{
	const char *p = value, *end;

	while (p != NULL && *p != '\0') {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		if (end > p) {
			*list = hs_xreallocarray(*list, *n + 2, sizeof(char *));
			(*list)[(*n)++] = hs_xstrndup(p, (size_t)(end - p));
			(*list)[*n] = NULL;
		}
		p = *end ? end + 1 : end;
	}
}

/* The folders searched, in order, NULL-terminated. */
char **
aws_model_search_path(void)
{
	const char *env;
	char **list = hs_xcalloc(1, sizeof(char *));
	size_t n = 0;

	path_add_list(&list, &n, getenv("HIPAA_SHELL_MODEL_PATH"));
	env = getenv("HS_MODEL_DIR");
	path_add_list(&list, &n, env && *env ? env : HS_MODEL_DIR);
	env = getenv("BOTOCORE_DATA");
	path_add_list(&list, &n, env && *env ? env : HS_BOTOCORE_DATA);
	return list;
}

/* Free a list of strings (n = SIZE_MAX: NULL-terminated). */
void
aws_model_list_free(char **list, size_t n)
{
	size_t i;

	if (list == NULL)
		return;
	for (i = 0; i < n && list[i] != NULL; i++)
		free(list[i]);
	free(list);
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The path of DIR/REL.json or DIR/REL.json.gz, or NULL. */
static char *
json_file(const char *dir, const char *rel)
{
	char *path = hs_xasprintf("%s/%s.json", dir, rel);

	if (is_file(path))
		return path;
	free(path);
	path = hs_xasprintf("%s/%s.json.gz", dir, rel);
	if (is_file(path))
		return path;
	free(path);
	return NULL;
}

/* Tell whether a service name is safe to put in a path. */
static bool
valid_service_name(const char *name)
{
	const char *p;

	if (*name == '\0' || *name == '.' || *name == '-')
		return false;
	for (p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_'))
			return false;
	return strstr(name, "..") == NULL;
}

/* Keep the larger of *best and a version folder that has type_name. */
static void
consider_versions(const char *dir, const char *type_name, char **best)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *rel, *file;

		if (e->d_name[0] == '.')
			continue;
		rel = hs_xasprintf("%s/%s", e->d_name, type_name);
		file = json_file(dir, rel);
		free(rel);
		if (file != NULL && (*best == NULL ||
		    strcmp(e->d_name, *best) > 0)) {
			free(*best);
			*best = hs_xstrdup(e->d_name);
		}
		free(file);
	}
	closedir(d);
}

/* Find SERVICE/VERSION/TYPE for the newest version; *version is set. */
static char *
find_model_file(char **path, const char *service, const char *type_name,
    char **version)
{
	char *best = NULL, *file = NULL, *rel;
	size_t i;

	for (i = 0; path[i] != NULL; i++) {
		char *dir = hs_xasprintf("%s/%s", path[i], service);

		consider_versions(dir, type_name, &best);
		free(dir);
	}
	if (best == NULL)
		return NULL;
	rel = hs_xasprintf("%s/%s/%s", service, best, type_name);
	for (i = 0; path[i] != NULL && file == NULL; i++)
		file = json_file(path[i], rel);
	free(rel);
	*version = best;
	return file;
}

/* Read a whole gzip (or plain) file into out, up to MODEL_MAX_BYTES. */
static int
read_file(const char *path, struct hs_buf *out, char **cause)
{
	gzFile f = gzopen(path, "rb");
	char chunk[65536];
	int n;

	if (f == NULL) {
		*cause = hs_xasprintf("cannot open model file '%s': %s", path,
		    strerror(errno ? errno : ENOMEM));
		return -1;
	}
	hs_buf_init(out, MODEL_MAX_BYTES);
	while ((n = gzread(f, chunk, sizeof chunk)) > 0) {
		if (hs_buf_add(out, chunk, (size_t)n) < 0) {
			*cause = hs_xasprintf("model file '%s' is larger than "
			    "%zu bytes", path, MODEL_MAX_BYTES);
			gzclose(f);
			return -1;
		}
	}
	if (n < 0) {
		int zerr;

		*cause = hs_xasprintf("cannot read model file '%s': %s", path,
		    gzerror(f, &zerr));
		gzclose(f);
		return -1;
	}
	gzclose(f);
	return 0;
}

/* Read a JSON file, gunzipping it if it is compressed. */
cJSON *
aws_model_read_json(const char *path, char **cause)
{
	struct hs_buf b = HS_BUF_INIT;
	const char *end = NULL;
	cJSON *doc;

	if (read_file(path, &b, cause) < 0) {
		hs_buf_release(&b);
		return NULL;
	}
	/* the _Opts form reports where parsing stopped without cJSON's
	 * global error pointer, which threads would share */
	doc = cJSON_ParseWithLengthOpts(b.buf, b.len, &end, false);
	if (doc == NULL)
		*cause = hs_xasprintf("model file '%s' is not valid JSON "
		    "near byte %zu", path, (size_t)(end ? end - b.buf : 0));
	hs_buf_release(&b);
	return doc;
}

/* Merge src into dst as botocore's deep_merge does. */
void
aws_model_deep_merge(cJSON *dst, const cJSON *src)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, src) {
		cJSON *old = cJSON_GetObjectItemCaseSensitive(dst, item->string);

		if (old != NULL && cJSON_IsObject(old) && cJSON_IsObject(item)) {
			aws_model_deep_merge(old, item);
			continue;
		}
		if (old != NULL)
			cJSON_DeleteItemFromObjectCaseSensitive(dst,
			    item->string);
		cJSON_AddItemToObject(dst, item->string,
		    cJSON_Duplicate(item, true));
	}
}

/* Merge SERVICE/VERSION/TYPE.sdk-extras.json (first found) into doc. */
static int
merge_extras(char **path, const char *service, const char *version,
    const char *type_name, cJSON *doc, char **cause)
{
	char *rel = hs_xasprintf("%s/%s/%s.sdk-extras", service, version,
	    type_name);
	char *file = NULL;
	cJSON *extras, *merge;
	size_t i;

	for (i = 0; path[i] != NULL && file == NULL; i++)
		file = json_file(path[i], rel);
	free(rel);
	if (file == NULL)
		return 0;
	extras = aws_model_read_json(file, cause);
	free(file);
	if (extras == NULL)
		return -1;
	merge = cJSON_GetObjectItemCaseSensitive(extras, "merge");
	if (cJSON_IsObject(merge))
		aws_model_deep_merge(doc, merge);
	cJSON_Delete(extras);
	return 0;
}

/* Read one model document (service-2 or paginators-1) with its extras;
 * NULL without a cause when the service has no such file. */
static cJSON *
load_document(char **path, const char *service, const char *type_name,
    char **file_out, char **cause)
{
	char *version = NULL, *file;
	cJSON *doc;

	file = find_model_file(path, service, type_name, &version);
	if (file == NULL) {
		free(version);
		return NULL;
	}
	doc = aws_model_read_json(file, cause);
	if (doc != NULL && merge_extras(path, service, version, type_name,
	    doc, cause) < 0) {
		cJSON_Delete(doc);
		doc = NULL;
	}
	free(version);
	if (file_out != NULL && doc != NULL)
		*file_out = file;
	else
		free(file);
	return doc;
}

/* Describe the search path for "not found" messages. */
static char *
describe_path(char **path)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;

	for (i = 0; path[i] != NULL; i++)
		hs_buf_addf(&b, "%s%s", i ? ", " : "", path[i]);
	if (b.len == 0)
		hs_buf_adds(&b, "(no folder: set HIPAA_SHELL_MODEL_PATH)");
	return hs_buf_detach(&b, NULL);
}

/* Load and resolve one service's model. */
static struct aws_service *
load_service(const char *name, char **cause)
{
	char **path = aws_model_search_path();
	char *file = NULL, *where;
	cJSON *desc, *pages = NULL;
	struct aws_service *svc = NULL;

	desc = load_document(path, name, "service-2", &file, cause);
	if (desc == NULL) {
		if (*cause == NULL) {
			where = describe_path(path);
			*cause = hs_xasprintf("unknown service '%s': no "
			    "botocore model for it in %s", name, where);
			free(where);
		}
		goto cleanup;
	}
	pages = load_document(path, name, "paginators-1", NULL, cause);
	if (pages == NULL && *cause != NULL)
		goto cleanup;
	svc = aws_model_new(desc, pages, name, cause);
	if (svc != NULL)
		svc->model_path = aws_arena_strdup(svc->arena, file);
cleanup:
	cJSON_Delete(desc);
	cJSON_Delete(pages);
	free(file);
	aws_model_list_free(path, SIZE_MAX);
	return svc;
}

/* Find or add the cache entry of a service. */
static struct cache_entry *
cache_entry(const char *name)
{
	struct cache_entry *e;

	pthread_mutex_lock(&cache_lock);
	for (e = cache_head; e != NULL; e = e->next)
		if (strcmp(e->name, name) == 0)
			break;
	if (e == NULL) {
		e = hs_xcalloc(1, sizeof *e);
		e->name = hs_xstrdup(name);
		pthread_mutex_init(&e->lock, NULL);
		e->next = cache_head;
		cache_head = e;
	}
	pthread_mutex_unlock(&cache_lock);
	return e;
}

/* The model of a service by data folder name, loaded once. */
const struct aws_service *
aws_model_get(const char *name, char **cause)
{
	struct cache_entry *e;
	struct aws_service *svc;

	if (!valid_service_name(name)) {
		*cause = hs_xasprintf("invalid service name '%s'", name);
		return NULL;
	}
	e = cache_entry(name);
	pthread_mutex_lock(&e->lock);
	if (e->svc == NULL)
		e->svc = load_service(name, cause);
	svc = e->svc;
	pthread_mutex_unlock(&e->lock);
	return svc;
}

/* The model of a CLI command name ("s3api" -> s3). */
const struct aws_service *
aws_model_get_cli(const char *cli_name, char **cause)
{
	const char *name = aws_model_service_name_for_cli(cli_name);

	if (name == NULL) {
		*cause = hs_xasprintf("'%s' is not a service command (the "
		    "AWS CLI names it '%s')", cli_name,
		    aws_model_cli_service_name(cli_name));
		return NULL;
	}
	return aws_model_get(name, cause);
}

/* Drop every cached model (tests and leak checks only). */
void
aws_model_cache_clear(void)
{
	struct cache_entry *e, *next;

	pthread_mutex_lock(&cache_lock);
	for (e = cache_head; e != NULL; e = next) {
		next = e->next;
		aws_model_free(e->svc);
		pthread_mutex_destroy(&e->lock);
		free(e->name);
		free(e);
	}
	cache_head = NULL;
	pthread_mutex_unlock(&cache_lock);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the services found in one folder to a list (duplicates kept). */
static void
list_dir(const char *dir, char ***list, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		char *sub, *best = NULL;

		if (!valid_service_name(e->d_name))
			continue;
		sub = hs_xasprintf("%s/%s", dir, e->d_name);
		if (is_dir(sub))
			consider_versions(sub, "service-2", &best);
		free(sub);
		if (best == NULL)
			continue;
		free(best);
		*list = hs_xreallocarray(*list, *n + 1, sizeof(char *));
		(*list)[(*n)++] = hs_xstrdup(e->d_name);
	}
	closedir(d);
}

/* Every service found in the search path, sorted, without duplicates. */
char **
aws_model_list_services(size_t *n)
{
	char **path = aws_model_search_path(), **list = NULL;
	size_t i, j, count = 0;

	for (i = 0; path[i] != NULL; i++)
		list_dir(path[i], &list, &count);
	aws_model_list_free(path, SIZE_MAX);
	if (count > 0)
		qsort(list, count, sizeof(char *), cmp_str);
	for (i = j = 0; i < count; i++) {
		if (j > 0 && strcmp(list[j - 1], list[i]) == 0)
			free(list[i]);
		else
			list[j++] = list[i];
	}
	*n = j;
	return list;
}

/* The path of a data file beside the models, or NULL. */
char *
aws_model_find_data_file(const char *file_name)
{
	char **path = aws_model_search_path(), *found = NULL;
	size_t i;

	for (i = 0; path[i] != NULL && found == NULL; i++) {
		char *p = hs_xasprintf("%s/%s", path[i], file_name);

		if (is_file(p))
			found = p;
		else
			free(p);
	}
	aws_model_list_free(path, SIZE_MAX);
	return found;
}
