/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-json"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-json-private.h"

/* Where the object or array starting at @text[@start] ends (the index after
 * its closing bracket), or @length when it does not end in @text. Strings
 * are skipped whole, escapes included. */
static gsize
end_of_container (const char *text,
                  gsize       start,
                  gsize       length)
{
  gsize depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = start; i < length; i++)
    {
      char c = text[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0 && --depth == 0)
        return i + 1;
    }
  return length;
}

/**
 * _tp_json_parser_load_one:
 * @parser: a #JsonParser
 * @text: JSON text
 * @length: the length of @text, or -1 when it is nul-terminated
 * @first_only: read the first object or array and ignore what follows it
 * @error: return location for a #GError
 *
 * json_parser_load_from_data() for one JSON document. json-glib 1.6
 * accepts a document followed by a second one ("{…}{…}", as a page's
 * JSON-LD or a broken feed may hold) and leaks the first; here the parser
 * never sees what follows the first object or array: it is ignored with
 * @first_only, and an error unless it is white space otherwise.
 *
 * Returns: %TRUE when @text held one JSON document, now in @parser
 */
gboolean
_tp_json_parser_load_one (JsonParser  *parser,
                          const char  *text,
                          gssize       length,
                          gboolean     first_only,
                          GError     **error)
{
  gsize len = length < 0 ? strlen (text) : (gsize) length;
  gsize start = 0;
  gsize end;

  /* A byte-order mark is white space to json-glib too. */
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  while (start < len && g_ascii_isspace (text[start]))
    start++;
  if (start < len && (text[start] == '{' || text[start] == '['))
    {
      end = end_of_container (text, start, len);
      if (first_only)
        len = end;
      for (gsize i = end; i < len; i++)
        {
          if (!g_ascii_isspace (text[i]))
            {
              g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_PARSE,
                           _("unexpected text after the end of the JSON document"));
              return FALSE;
            }
        }
    }
  return json_parser_load_from_data (parser, text, (gssize) len, error);
}
