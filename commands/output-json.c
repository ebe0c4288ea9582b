/*
 * output-json.c: print a cJSON value as the AWS CLI prints --output json
 * (Python's json.dumps with indent=4 and ensure_ascii=False): four
 * spaces per level, "key": value, empty containers as [] and {}, text
 * as UTF-8 with only '"', '\' and control characters escaped, integers
 * without a fraction. For commands that answer locally (`policy ...`).
 */
#include "hs-common.h"
#include "commands-int.h"

static void print_value(FILE *out, const cJSON *v, int depth);

/* Print s as a JSON string. */
static void
print_string(FILE *out, const char *s)
{
	static const char from[] = "\"\\\n\t\r\b\f", to[] = "\"\\ntrbf";
	const unsigned char *p;
	const char *e;

	fputc('"', out);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((e = strchr(from, *p)) != NULL)
			fprintf(out, "\\%c", to[e - from]);
		else if (*p < 0x20)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
	}
	fputc('"', out);
}

/* Print a number: an integer without a fraction, else 17 digits. */
static void
print_number(FILE *out, double d)
{
	if (d > -1e15 && d < 1e15 && d == (double)(long long)d)
		fprintf(out, "%lld", (long long)d);
	else
		fprintf(out, "%.17g", d);
}

/* Print an array's or an object's items, one per line, indented. */
static void
print_items(FILE *out, const cJSON *v, int depth, bool keys)
{
	const cJSON *item;

	for (item = v->child; item != NULL; item = item->next) {
		fprintf(out, "\n%*s", 4 * (depth + 1), "");
		if (keys) {
			print_string(out, item->string ? item->string : "");
			fputs(": ", out);
		}
		print_value(out, item, depth + 1);
		if (item->next != NULL)
			fputc(',', out);
	}
	fprintf(out, "\n%*s", 4 * depth, "");
}

/* Print one value at an indentation depth. */
static void
print_value(FILE *out, const cJSON *v, int depth)
{
	bool object = cJSON_IsObject(v);

	if (cJSON_IsString(v))
		print_string(out, v->valuestring);
	else if (cJSON_IsNumber(v))
		print_number(out, v->valuedouble);
	else if (cJSON_IsBool(v))
		fputs(cJSON_IsTrue(v) ? "true" : "false", out);
	else if (!object && !cJSON_IsArray(v))
		fputs("null", out);
	else if (v->child == NULL)
		fputs(object ? "{}" : "[]", out);
	else {
		fputc(object ? '{' : '[', out);
		print_items(out, v, depth, object);
		fputc(object ? '}' : ']', out);
	}
}

/* Print v as --output json does, with a final newline. */
void
hs_json_print(FILE *out, const cJSON *v)
{
	print_value(out, v, 0);
	fputc('\n', out);
}

/* Tell whether the command runs with --output json. */
bool
hs_output_is_json(const struct hs_ctx *ctx)
{
	return ctx->settings->output != NULL &&
	    strcmp(ctx->settings->output, "json") == 0;
}
