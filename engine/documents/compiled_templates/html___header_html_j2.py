from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_header.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_t = resolve('t')
    l_0_header = resolve('header')
    l_0_lang = resolve('lang')
    l_0_checks = resolve('checks')
    l_0_summary = resolve('summary')
    l_0_standing = resolve('standing')
    l_0_common = resolve('common')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '<section id="header">\n<h1>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'title'))
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'municipality'))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'subtitle'))
    yield '</p>\n<table class="facts">\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'municipality'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'municipality'))
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'type'))
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'code'))
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'population'))
    yield '</th><td>'
    if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population'):
        pass
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population'))
        yield escape((' ' if ((undefined(name='lang') if l_0_lang is missing else l_0_lang) == 'en') else cond_expr_undefined("the inline if-expression on line 6 in '_header.html.j2' evaluated to false and no else section was defined.")))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'persons'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_basis'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_basis'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_note'):
            pass
            yield '<br><span class="note">'
            yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_note'))
            yield '</span>'
    else:
        pass
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'unknown'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'fiscal_strength_index'))
    yield '</th><td>'
    if (not t_2(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_strength_index'))):
        pass
        yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_strength_index'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_basis'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_basis'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_note'):
            pass
            yield '<br><span class="note">'
            yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_note'))
            yield '</span>'
    else:
        pass
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'unknown'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'visit_date'))
    yield '</th><td>'
    yield escape((environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'visit_date') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_given')))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'audience'))
    yield '</th><td>'
    yield escape((environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'audience') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_given')))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'advisor'))
    yield '</th><td>'
    yield escape((environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'advisor') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_given')))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'as_of'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'as_of'))
    yield '</td></tr>\n</table>\n</section>\n\n<section id="checks">\n'
    if (environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts') or environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates')):
        pass
        yield '\n<div class="checks">\n<h2>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_checks'))
        yield '</h2>\n'
        if environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts'):
            pass
            yield '<p>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'checks_lead'))
            yield '</p>\n<ol>\n'
            for l_1_c in environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts'):
                _loop_vars = {}
                pass
                yield '<li data-field="'
                yield escape(environment.getattr(l_1_c, 'field'))
                yield '">'
                yield escape(environment.getattr(l_1_c, 'text'))
                yield ' '
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'evaluated_with_profile'))
                yield '<br><strong>'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'ask'))
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
                yield '</strong>'
                yield escape(environment.getattr(l_1_c, 'ask'))
                yield '<br><span class="note">'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
                yield ': '
                yield escape(environment.getattr(l_1_c, 'source'))
                yield '</span></li>\n'
            l_1_c = missing
            yield '</ol>'
        yield '\n'
        if environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates'):
            pass
            yield '<p>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'dates_lead'))
            yield '</p>\n<ul>\n'
            for l_1_d in environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates'):
                _loop_vars = {}
                pass
                yield '<li>'
                yield escape(l_1_d)
                yield '</li>\n'
            l_1_d = missing
            yield '</ul>'
        yield '\n</div>\n'
    yield '\n</section>\n\n<section id="summary">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_summary'))
    yield '</h2>\n'
    if (undefined(name='summary') if l_0_summary is missing else l_0_summary):
        pass
        yield '\n<ol class="asks">\n'
        l_1_loop = missing
        for l_1_ask, l_1_loop in LoopContext((undefined(name='summary') if l_0_summary is missing else l_0_summary), undefined):
            _loop_vars = {}
            pass
            yield '<li>'
            yield escape(environment.getattr(l_1_ask, 'title'))
            yield ' <span class="ref">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'see_recommendation'))
            yield ' '
            l_2_loop = missing
            for l_2_n, l_2_loop in LoopContext(environment.getattr(l_1_ask, 'numbers'), undefined):
                _loop_vars = {}
                pass
                yield '<a href="#rec-'
                yield escape(l_2_n)
                yield '">'
                yield escape(l_2_n)
                yield '</a>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep'))
            l_2_loop = l_2_n = missing
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield '</span></li>\n'
        l_1_loop = l_1_ask = missing
        yield '</ol>\n'
    else:
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'no_asks'))
        yield '</p>'
    yield '\n</section>\n\n<section id="standing">\n<h2>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_standing'))
    yield '</h2>\n<table class="facts">\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cloud_status'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_status'))
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_group'):
        pass
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cloud_group'))
        yield ': '
        yield escape(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_group'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'known_group'))
    yield '</th><td>'
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'):
        pass
        yield '<strong>'
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'name'))
        yield '</strong>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '<br><span class="note">'
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'since'))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'planned'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'planned'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
        yield ': '
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'source'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'source_date'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        yield escape(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'confidence')))
        yield '</span>'
    else:
        pass
        yield escape(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group_none'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cloud_plan'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_plan'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'driving_body'))
    yield '</th><td>'
    yield escape(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'driving_body'))
    yield '</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost'))
    yield '</th><td>\n'
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'):
        pass
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost_of_you'))
        yield ' <strong>'
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'value'))
        yield '</strong>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'ratio'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '<br>\n'
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'band_average'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield ' '
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band_average'))
            yield '<br>'
        yield '\n'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_average'))
        yield ' '
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'national_average'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'basis'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n'
        if (not environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band')):
            pass
            yield '<br><span class="note">'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'band_none'))
            yield '</span>'
        yield '\n<br><span class="note">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost_caveat'))
        yield ' '
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
        yield ': '
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'source'))
        yield '</span>\n'
    else:
        pass
        yield escape(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost_missing'))
    yield '\n</td></tr>\n<tr><th>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national'))
    yield '</th><td>\n'
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'):
        pass
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_as_of'), 'format'), date=environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'as_of')))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'status'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'status'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield ': '
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_any_cloud'))
        yield ' <strong>'
        yield escape((environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'any_cloud') or '—'))
        yield '</strong>'
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'group_cloud'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_group_cloud'))
            yield ' '
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'group_cloud'))
        yield '\n<br>'
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target'):
            pass
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_target'))
            yield ': '
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_text'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'achieved'))
            yield ' '
            yield escape((environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'achieved') or '—'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield '<span class="note">'
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_source'))
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield escape(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_confidence')))
            yield '</span>'
        else:
            pass
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_none'))
        yield '\n<br><span class="note">'
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'definition'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'full_stop'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
        yield ': '
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'source'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'published'))
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'note'):
            pass
            yield ' '
            yield escape(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'note'))
        yield '</span>\n'
    else:
        pass
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_none'))
    yield '\n</td></tr>\n</table>\n</section>\n'

blocks = {}
debug_info = '2=31&3=35&5=37&6=46&7=67&8=86&9=90&10=94&11=98&16=102&18=105&19=107&21=112&23=134&25=139&32=149&33=151&35=155&37=184&41=187&43=189&44=200&45=230&46=234&47=238&48=240&49=250&50=260&51=267&52=273&53=281&55=283&56=285&57=305&58=324&59=339'

# Generated from templates/_header.html.j2 for the html memo by `python -m jichitai_cloud_advisor.engine.documents.precompiled`
# (Jinja2 3.1.6). Do not edit.
