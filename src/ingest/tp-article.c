/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-article"

#include "config.h"

#include <string.h>

#include "tp-article.h"

G_DEFINE_BOXED_TYPE (TpArticle, tp_article, tp_article_ref, tp_article_unref)

/* Public API */

/**
 * tp_article_new:
 *
 * Returns: (transfer full): an empty article
 */
TpArticle *
tp_article_new (void)
{
  TpArticle *self = g_new0 (TpArticle, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->captions = g_ptr_array_new_with_free_func (g_free);
  self->origin = TP_ORIGIN_FILE;
  return self;
}

TpArticle *
tp_article_ref (TpArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
tp_article_unref (TpArticle *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->url);
  g_free (self->source_path);
  g_free (self->content_hash);
  g_free (self->outlet);
  g_free (self->title);
  g_free (self->author);
  g_free (self->language);
  g_free (self->published);
  g_free (self->imported);
  g_free (self->body);
  g_clear_pointer (&self->captions, g_ptr_array_unref);
  g_free (self);
}

/**
 * tp_article_set_body:
 * @self: an article
 * @body: the analysed text, already NFC-normalised
 *
 * Sets the body and recomputes the content hash from it.
 */
void
tp_article_set_body (TpArticle  *self,
                     const char *body)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (body != NULL);

  g_free (self->body);
  self->body = g_strdup (body);
  g_free (self->content_hash);
  self->content_hash = tp_article_compute_hash (body);
}

void
tp_article_add_caption (TpArticle  *self,
                        const char *caption)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (caption != NULL);

  g_ptr_array_add (self->captions, g_strdup (caption));
}

const char *
tp_origin_to_string (TpOrigin origin)
{
  switch (origin)
    {
    case TP_ORIGIN_URL: return "url";
    case TP_ORIGIN_FEED: return "feed";
    case TP_ORIGIN_PASTE: return "paste";
    case TP_ORIGIN_FILE:
    default:
      return "file";
    }
}

TpOrigin
tp_origin_from_string (const char *str)
{
  if (g_strcmp0 (str, "url") == 0)
    return TP_ORIGIN_URL;
  if (g_strcmp0 (str, "feed") == 0)
    return TP_ORIGIN_FEED;
  if (g_strcmp0 (str, "paste") == 0)
    return TP_ORIGIN_PASTE;
  return TP_ORIGIN_FILE;
}

/**
 * tp_article_compute_hash:
 * @body: article text
 *
 * Hashes the text with whitespace runs collapsed and case folded, so that
 * the same article saved twice with different line wrapping or spacing is
 * recognised as a duplicate. The text is streamed into the checksum through
 * a small buffer: a 50 MB article costs no second copy.
 *
 * Returns: (transfer full): a hex SHA-256 digest
 */
char *
tp_article_compute_hash (const char *body)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char buf[4096];
  gsize len = 0;
  gboolean in_space = FALSE;
  gboolean started = FALSE;

  g_return_val_if_fail (body != NULL, NULL);

  for (const char *p = body; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          in_space = TRUE;
          continue;
        }
      if (len + 8 > sizeof buf)
        {
          g_checksum_update (sum, (const guchar *) buf, len);
          len = 0;
        }
      if (in_space && started)
        buf[len++] = ' ';
      in_space = FALSE;
      started = TRUE;
      len += g_unichar_to_utf8 (g_unichar_tolower (c), buf + len);
    }
  g_checksum_update (sum, (const guchar *) buf, len);
  return g_strdup (g_checksum_get_string (sum));
}
