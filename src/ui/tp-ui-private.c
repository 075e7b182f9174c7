/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tp-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <math.h>
#include <stdio.h>

#include "tp-ui-private.h"

/* Side colours are the user's to choose, so their CSS is generated rather
 * than written in style.css: one class per side for badges and dots. */

static GtkCssProvider *side_provider;

char *
_tp_side_css_class (const char *side_key)
{
  GString *name = g_string_new ("side-");

  if (side_key == NULL || *side_key == '\0')
    {
      g_string_append (name, "none");
      return g_string_free (name, FALSE);
    }
  for (const char *p = side_key; *p; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_tolower (*p) : '-');
  return g_string_free (name, FALSE);
}

/* Black or white text, whichever reads better on @bg (WCAG luminance). */
static const char *
text_color_for (const GdkRGBA *bg)
{
  double c[3] = { bg->red, bg->green, bg->blue };
  double lum;

  for (guint i = 0; i < 3; i++)
    c[i] = c[i] <= 0.03928 ? c[i] / 12.92 : pow ((c[i] + 0.055) / 1.055, 2.4);
  lum = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  return lum > 0.22 ? "rgba(0,0,0,0.85)" : "#ffffff";
}

/**
 * _tp_side_badge_colors:
 * @side: (nullable): the side
 *
 * A side's badge colours: its own colour (grey when it has none) and black
 * or white text, whichever reads better on it.
 */
void
_tp_side_badge_colors (const TpLexiconSide *side,
                       GdkRGBA             *background,
                       GdkRGBA             *text)
{
  if (side == NULL || side->color == NULL || !gdk_rgba_parse (background, side->color))
    gdk_rgba_parse (background, "#77767b");
  gdk_rgba_parse (text, text_color_for (background));
}

void
_tp_side_style_install (GPtrArray *sides)
{
  g_autoptr(GString) css = g_string_new (NULL);
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL)
    return;

  for (guint i = 0; sides != NULL && i < sides->len; i++)
    {
      const TpLexiconSide *side = g_ptr_array_index (sides, i);
      g_autofree char *klass = _tp_side_css_class (side->key);

      g_string_append_printf (css,
                              ".side-dot.%s { background-color: %s; }\n"
                              ".side-heading.%s { border-bottom: 4px solid %s; }\n",
                              klass, side->color ? side->color : "#77767b",
                              klass, side->color ? side->color : "#77767b");
    }

  if (side_provider == NULL)
    {
      side_provider = gtk_css_provider_new ();
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (side_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (side_provider, css->str, css->len);
}

gboolean
_tp_side_get_color (TpLexicon  *lexicon,
                    const char *side_key,
                    GdkRGBA    *color)
{
  const TpLexiconSide *side = NULL;

  if (lexicon != NULL && side_key != NULL)
    side = tp_lexicon_lookup_side (lexicon, side_key);
  if (side == NULL || side->color == NULL || !gdk_rgba_parse (color, side->color))
    {
      gdk_rgba_parse (color, "#77767b");
      return FALSE;
    }
  return TRUE;
}

/* The built-in sides' names in the interface language, from the default
 * lexicon's sides.ini (name[vi]=Moskva), keyed by side key; the lexicon in
 * the library keeps one name per side. */
static GHashTable *
builtin_side_names (void)
{
  static GHashTable *names;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GKeyFile) kf = g_key_file_new ();

      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      bytes = g_resources_lookup_data ("/io/github/triptych/Triptych/lexicon/sides.ini",
                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL &&
          g_key_file_load_from_bytes (kf, bytes, G_KEY_FILE_NONE, NULL))
        {
          g_auto(GStrv) groups = g_key_file_get_groups (kf, NULL);

          for (guint i = 0; groups[i] != NULL; i++)
            {
              char *english = g_key_file_get_string (kf, groups[i], "name", NULL);
              char *local = g_key_file_get_locale_string (kf, groups[i], "name", NULL, NULL);

              /* Stored as "english\nlocal": a renamed side keeps its own name. */
              if (english != NULL && local != NULL)
                g_hash_table_insert (names, g_strdup (groups[i]),
                                     g_strconcat (english, "\n", local, NULL));
              g_free (english);
              g_free (local);
            }
        }
      g_once_init_leave (&done, 1);
    }
  return names;
}

/**
 * _tp_side_display_name:
 *
 * A side's name as shown: a built-in side the journalist has not renamed
 * goes by its name in the interface language (Moskva in Vietnamese);
 * otherwise the name stored in the library.
 */
const char *
_tp_side_display_name (const TpLexiconSide *side)
{
  const char *entry;
  const char *newline;

  if (side == NULL)
    return _("No side");
  entry = g_hash_table_lookup (builtin_side_names (), side->key);
  if (entry != NULL && (newline = strchr (entry, '\n')) != NULL &&
      side->name != NULL && strncmp (side->name, entry, newline - entry) == 0 &&
      side->name[newline - entry] == '\0')
    return newline + 1;
  return side->name != NULL ? side->name : side->key;
}

const char *
_tp_side_get_name (TpLexicon  *lexicon,
                   const char *side_key)
{
  const TpLexiconSide *side = NULL;

  if (side_key == NULL)
    return _("No side");
  if (lexicon != NULL)
    side = tp_lexicon_lookup_side (lexicon, side_key);
  return side != NULL ? _tp_side_display_name (side) : side_key;
}

/* The interface language as an ISO 639-1 code ("vi"), or NULL for C. */
static const char *
ui_language (void)
{
  static char code[3];
  static gsize done;

  if (g_once_init_enter (&done))
    {
      const char * const *names = g_get_language_names ();

      for (guint i = 0; names[i] != NULL; i++)
        if (g_ascii_isalpha (names[i][0]) && g_ascii_isalpha (names[i][1]) &&
            (names[i][2] == '\0' || names[i][2] == '_' || names[i][2] == '.' || names[i][2] == '@') &&
            !g_str_equal (names[i], "C"))
          {
            code[0] = g_ascii_tolower (names[i][0]);
            code[1] = g_ascii_tolower (names[i][1]);
            break;
          }
      g_once_init_leave (&done, 1);
    }
  return code[0] != '\0' ? code : NULL;
}

/**
 * _tp_topic_get_name:
 *
 * A topic's label in the interface language when the lexicon has one,
 * else its English name.
 */
const char *
_tp_topic_get_name (TpLexicon  *lexicon,
                    const char *topic_key)
{
  const TpLexiconTopic *topic = NULL;
  const char *language = ui_language ();

  if (lexicon == NULL || topic_key == NULL)
    return topic_key;
  if (language != NULL && !g_str_equal (language, "en"))
    {
      GPtrArray *labels = tp_lexicon_get_topic_labels (lexicon);

      for (guint i = 0; i < labels->len; i++)
        {
          const TpLexiconTerm *label = g_ptr_array_index (labels, i);

          if (g_strcmp0 (label->topic, topic_key) == 0 && g_strcmp0 (label->language, language) == 0)
            return label->text;
        }
    }
  topic = tp_lexicon_lookup_topic (lexicon, topic_key);
  return topic != NULL && topic->name != NULL ? topic->name : topic_key;
}

char *
_tp_statement_topics_text (TpLexicon   *lexicon,
                           TpStatement *statement)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; statement->topics != NULL && i < statement->topics->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, _tp_topic_get_name (lexicon, g_ptr_array_index (statement->topics, i)));
    }
  if (text->len == 0)
    return g_strdup (_("None"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * _tp_format_date:
 * @iso: (nullable): "YYYY-MM-DD" or a date-time
 *
 * Dates are shown as the journalist's locale writes them ("5 Jul 2025",
 * "05/07/2025"), falling back to the ISO text for anything unparsable.
 */
char *
_tp_format_date (const char *iso)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  if (iso == NULL || *iso == '\0')
    return g_strdup ("—");
  if (sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso);
  dt = g_date_time_new_utc (y, m, d, 0, 0, 0);
  /* Translators: a date in the article list, see g_date_time_format() */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

/**
 * _tp_format_day:
 * @julian: a Julian day number, as tp_timeline_day_of_iso() gives
 *
 * A day written the way the journalist's locale writes dates (`%x`:
 * "07/05/2025" in the United States, "05.07.2025" in Germany), for places
 * that show a date alone, such as the ends of a timeline.
 *
 * Returns: (transfer full): the date, or "—" for an invalid day
 */
char *
_tp_format_day (guint julian)
{
  GDate date;
  g_autoptr(GDateTime) dt = NULL;

  if (!g_date_valid_julian (julian))
    return g_strdup ("—");
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  dt = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                            g_date_get_day (&date), 0, 0, 0);
  return g_date_time_format (dt, "%x");
}

const char *
_tp_language_name (const char *code)
{
  if (code == NULL || *code == '\0')
    return _("Unknown");
  if (g_str_equal (code, "vi"))
    return _("Vietnamese");
  if (g_str_equal (code, "en"))
    return _("English");
  if (g_str_equal (code, "ru"))
    return _("Russian");
  if (g_str_equal (code, "uk"))
    return _("Ukrainian");
  return code;
}

const char *
_tp_review_status_label (TpReviewStatus status)
{
  switch (status)
    {
    case TP_REVIEW_CONFIRMED: return _("Confirmed");
    case TP_REVIEW_EDITED: return _("Edited");
    case TP_REVIEW_REJECTED: return _("Rejected");
    case TP_REVIEW_AUTO:
    default:
      return _("Not reviewed");
    }
}

const char *
_tp_statement_kind_label (TpStatementKind kind)
{
  switch (kind)
    {
    case TP_STATEMENT_INDIRECT: return _("Reported speech");
    case TP_STATEMENT_MIXED: return _("Partial quote");
    case TP_STATEMENT_DIRECT:
    default:
      return _("Direct quote");
    }
}

/**
 * _tp_statement_dup:
 *
 * A deep copy, so a statement can go to a worker thread while the view
 * keeps editing its own.
 *
 * Returns: (transfer full): the copy
 */
TpStatement *
_tp_statement_dup (TpStatement *statement)
{
  TpStatement *copy = tp_statement_new ();

  copy->id = statement->id;
  copy->article_id = statement->article_id;
  copy->kind = statement->kind;
  copy->text = g_strdup (statement->text);
  copy->start = statement->start;
  copy->end = statement->end;
  copy->speaker = g_strdup (statement->speaker);
  copy->actor_key = g_strdup (statement->actor_key);
  copy->actor = g_strdup (statement->actor);
  copy->side = g_strdup (statement->side);
  for (guint i = 0; statement->topics != NULL && i < statement->topics->len; i++)
    tp_statement_add_topic (copy, g_ptr_array_index (statement->topics, i));
  copy->cue = g_strdup (statement->cue);
  copy->said_on = g_strdup (statement->said_on);
  copy->confidence = statement->confidence;
  copy->review = statement->review;
  copy->manual = statement->manual;
  return copy;
}

/**
 * _tp_ptr_array_borrow:
 *
 * A new array holding the same pointers, owning none of them (unlike
 * g_ptr_array_copy(), which keeps the source's free function).
 *
 * Returns: (transfer container): the array
 */
GPtrArray *
_tp_ptr_array_borrow (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_sized_new (array->len);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (array, i));
  return copy;
}

/* Flaps */

/* libadwaita 1.2's AdwFlap starts its reveal animation with a velocity
 * divided by the flap's allocated width. Before the AdwFlap's first
 * allocation that width is 0, the velocity 0 / 0 = NaN, and when the flap is
 * mapped (its view has just become the visible page; the first layout is
 * still to come) the animation plays: the spring then lasts 1 ms, and a
 * frame that falls in its first millisecond gives a reveal progress of NaN,
 * which AdwFlap turns into children INT_MIN wide ("attempt to allocate ...
 * with width -2147483648"). Any change of the reveal while the flap is mapped
 * but not yet allocated therefore waits for the first frame after its first
 * layout; an unmapped flap does not animate and takes it at once. */

#define PENDING_REVEAL_KEY "tp-flap-pending-reveal"
#define REVEAL_TICK_KEY "tp-flap-reveal-tick"

static gboolean
flap_has_width (AdwFlap *flap)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (flap)) || gtk_widget_get_width (GTK_WIDGET (flap)) > 0;
}

static gboolean
apply_pending_reveal_cb (GtkWidget     *widget,
                         GdkFrameClock *frame_clock,
                         gpointer       user_data)
{
  gboolean reveal;

  if (!flap_has_width (ADW_FLAP (widget)))
    return G_SOURCE_CONTINUE;
  reveal = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (widget), PENDING_REVEAL_KEY)) != 0;
  g_object_set_data (G_OBJECT (widget), REVEAL_TICK_KEY, NULL);
  adw_flap_set_reveal_flap (ADW_FLAP (widget), reveal);
  return G_SOURCE_REMOVE;
}

/**
 * _tp_flap_set_reveal:
 * @flap: a flap
 * @reveal: whether to show the flap
 *
 * Shows or hides @flap's flap, as adw_flap_set_reveal_flap() does, but never
 * while @flap is mapped and has not been allocated yet: then the change is
 * made in the first frame after its first layout. Every change of a flap's
 * reveal goes through here.
 */
void
_tp_flap_set_reveal (AdwFlap  *flap,
                     gboolean  reveal)
{
  guint tick_id;

  g_return_if_fail (ADW_IS_FLAP (flap));

  tick_id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (flap), REVEAL_TICK_KEY));
  if (flap_has_width (flap))
    {
      if (tick_id != 0)
        {
          gtk_widget_remove_tick_callback (GTK_WIDGET (flap), tick_id);
          g_object_set_data (G_OBJECT (flap), REVEAL_TICK_KEY, NULL);
        }
      adw_flap_set_reveal_flap (flap, reveal);
      return;
    }
  g_object_set_data (G_OBJECT (flap), PENDING_REVEAL_KEY, GINT_TO_POINTER (reveal ? 1 : 0));
  if (tick_id == 0)
    {
      tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (flap), apply_pending_reveal_cb, NULL, NULL);
      g_object_set_data (G_OBJECT (flap), REVEAL_TICK_KEY, GUINT_TO_POINTER (tick_id));
    }
}
