/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-source"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tp-encoding-private.h"
#include "tp-html-article-private.h"
#include "tp-source.h"
#include "tp-text-article-private.h"

G_DEFINE_QUARK (tp-ingest-error-quark, tp_ingest_error)

/* Auxiliary methods */

/* "text/html; charset=windows-1251" as a whole Content-Type header. */
static char *
charset_from_content_type (const char *content_type)
{
  const char *p;
  const char *end;

  if (content_type == NULL || (p = strstr (content_type, "charset=")) == NULL)
    return NULL;
  p += strlen ("charset=");
  if (*p == '"' || *p == '\'')
    p++;
  for (end = p; *end && *end != ';' && *end != '"' && *end != '\'' && *end != ' '; end++)
    ;
  return end > p ? g_strndup (p, end - p) : NULL;
}

static gboolean
set_cancelled (GCancellable  *cancellable,
               GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_CANCELLED, _("Import cancelled."));
  return TRUE;
}

static TpArticle *
load_data (const guint8 *data,
           gsize         len,
           const char   *content_type,
           const char   *charset,
           const char   *url,
           TpOrigin      origin,
           GError      **error)
{
  g_autoptr(TpArticle) article = NULL;
  g_autofree char *text = NULL;
  g_autofree char *type_charset = NULL;
  const char *plain;
  gsize plain_len;
  gboolean is_html;

  if (len > TP_INGEST_MAX_BYTES)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_TOO_LARGE,
                   _("The source is larger than %d MB, too large to be one article. "
                     "Split it into articles and import those."),
                   TP_INGEST_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (charset == NULL)
    charset = type_charset = charset_from_content_type (content_type);

  is_html = (content_type != NULL && strstr (content_type, "html") != NULL) ||
            _tp_html_looks_like_html ((const char *) data, len);
  if (is_html && len > TP_INGEST_MAX_HTML_BYTES)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_TOO_LARGE,
                   _("The page is larger than %d MB, too large to be one article. "
                     "Save the article alone (for example with the browser’s reader view) "
                     "and import that."),
                   TP_INGEST_MAX_HTML_BYTES / (1024 * 1024));
      return NULL;
    }

  /* Plain UTF-8 text is read in place; everything else is decoded. */
  if (!is_html && _tp_encoding_is_plain_utf8 (data, len))
    {
      plain = (const char *) data;
      plain_len = len;
    }
  else
    {
      text = _tp_encoding_decode (data, len, charset, is_html, NULL, error);
      if (text == NULL)
        return NULL;
      plain = text;
      plain_len = strlen (text);
    }

  article = tp_article_new ();
  article->origin = origin;
  article->url = g_strdup (url);
  if (is_html)
    {
      if (!_tp_html_article_parse (article, plain, plain_len, url, error))
        return NULL;
    }
  else if (!_tp_text_article_parse (article, plain, plain_len, error))
    return NULL;
  return g_steal_pointer (&article);
}

/* Public API */

/**
 * tp_source_load_bytes:
 * @bytes: the source
 * @content_type: (nullable): its MIME type or GIO content type, if known
 * @charset: (nullable): its charset from an HTTP header, if any
 * @url: (nullable): where it came from
 * @origin: how it came in
 * @error: return location for a #TP_INGEST_ERROR
 *
 * Reads an article from bytes: plain text, or an HTML page whose main
 * content is extracted.
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
TpArticle *
tp_source_load_bytes (GBytes      *bytes,
                      const char  *content_type,
                      const char  *charset,
                      const char  *url,
                      TpOrigin     origin,
                      GError     **error)
{
  gsize len = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  return load_data (data ? data : (const guint8 *) "", len, content_type, charset, url,
                    origin, error);
}

/**
 * tp_source_load_file:
 * @file: a text or HTML file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #TP_INGEST_ERROR
 *
 * Reads an article from a file. Blocking: call it from a worker thread in
 * the GUI.
 *
 * Returns: (transfer full): the article, or %NULL with @error set
 */
TpArticle *
tp_source_load_file (GFile         *file,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  TpArticle *article;
  const guint8 *data;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (set_cancelled (cancellable, error))
    return NULL;

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_CANCELLED, _("Import cancelled."));
      else
        g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NOT_FOUND,
                     _("Cannot open “%s”: %s. Check the path and that the file is readable."),
                     name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NOT_FOUND,
                   _("“%s” is a folder. Choose an article file inside it."), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > TP_INGEST_MAX_BYTES)
    {
      g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d MB, too large to be one article. "
                     "Split it into articles and import those."),
                   name, TP_INGEST_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  /* Map local files rather than copy them: a large file then costs no
   * memory of its own until it is decoded. */
  path = g_file_get_path (file);
  if (path != NULL)
    mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped != NULL)
    {
      data = (const guint8 *) g_mapped_file_get_contents (mapped);
      len = g_mapped_file_get_length (mapped);
    }
  else
    {
      char *buf = NULL;

      g_clear_error (&local_error);
      if (!g_file_load_contents (file, cancellable, &buf, &len, NULL, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_CANCELLED,
                         _("Import cancelled."));
          else
            g_set_error (error, TP_INGEST_ERROR, TP_INGEST_ERROR_NOT_FOUND,
                         _("Cannot read “%s”: %s. Check that the file is readable."),
                         name, local_error->message);
          return NULL;
        }
      contents = g_bytes_new_take (buf, len);
      data = g_bytes_get_data (contents, NULL);
    }

  if (set_cancelled (cancellable, error))
    return NULL;

  article = load_data (data ? data : (const guint8 *) "", len,
                       g_file_info_get_content_type (info), NULL, NULL, TP_ORIGIN_FILE, error);
  if (article == NULL)
    return NULL;
  article->source_path = g_steal_pointer (&path);
  return article;
}
