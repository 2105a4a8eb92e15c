from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'memo.md.j2'

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
    l_0_recommendations = resolve('recommendations')
    l_0_footnotes = resolve('footnotes')
    l_0_reference = resolve('reference')
    l_0_grants = resolve('grants')
    l_0_partners = resolve('partners')
    l_0_cases = resolve('cases')
    l_0_roadmap = resolve('roadmap')
    l_0_questions = resolve('questions')
    l_0_appendix = resolve('appendix')
    l_0_common = l_0_o = l_0_w = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    try:
        t_4 = environment.filters['select']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'select' found.")
    try:
        t_5 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_6 = environment.filters['trim']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'trim' found.")
    try:
        t_7 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_common = context.vars['common'] = environment.get_template('_common.j2', 'memo.md.j2').make_module(context.get_all(), True, {'common': l_0_common, 'o': l_0_o, 'w': l_0_w})
    context.exported_vars.discard('common')
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'header'))
    yield '# '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'title'))
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
    yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'municipality'))
    yield '\n\n'
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'subtitle'))
    yield '\n\n| | |\n|---|---|\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'municipality'))
    yield ' | '
    yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'municipality'))
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
    yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'type'))
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
    yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'code'))
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
    yield ' |\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'population'))
    yield ' | '
    if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population'):
        pass
        yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population'))
        yield str((' ' if ((undefined(name='lang') if l_0_lang is missing else l_0_lang) == 'en') else cond_expr_undefined("the inline if-expression on line 10 in 'memo.md.j2' evaluated to false and no else section was defined.")))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'persons'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_basis'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_basis'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_note'):
            pass
            yield ' — '
            yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'population_note'))
    else:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'unknown'))
    yield ' |\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'fiscal_strength_index'))
    yield ' | '
    if (not t_7(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_strength_index'))):
        pass
        yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_strength_index'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_basis'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_basis'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_note'):
            pass
            yield ' — '
            yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'fiscal_note'))
    else:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'unknown'))
    yield ' |\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'visit_date'))
    yield ' | '
    yield str((environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'visit_date') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_given')))
    yield ' |\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'audience'))
    yield ' | '
    yield str((environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'audience') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_given')))
    yield ' |\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'advisor'))
    yield ' | '
    yield str((environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'advisor') or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_given')))
    yield ' |\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'as_of'))
    yield ' | '
    yield str(environment.getattr((undefined(name='header') if l_0_header is missing else l_0_header), 'as_of'))
    yield ' |\n\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'checks'))
    if (environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts') or environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates')):
        pass
        yield '> **'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_checks'))
        yield '**'
        if environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts'):
            pass
            yield '\n>\n> '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'checks_lead'))
            yield '\n>\n'
            l_1_loop = missing
            for l_1_c, l_1_loop in LoopContext(environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts'), undefined):
                _loop_vars = {}
                pass
                yield '> '
                yield str(environment.getattr(l_1_loop, 'index'))
                yield '. '
                yield str(environment.getattr(l_1_c, 'text'))
                yield ' '
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'evaluated_with_profile'))
                yield '<br>**'
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'ask'))
                yield str(t_6(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon')))
                yield '**'
                yield str((' ' if (environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon') != t_6(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))) else cond_expr_undefined("the inline if-expression on line 25 in 'memo.md.j2' evaluated to false and no else section was defined.")))
                yield str(environment.getattr(l_1_c, 'ask'))
                yield '<br>'
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
                yield ': '
                yield str(environment.getattr(l_1_c, 'source'))
                yield '\n'
            l_1_loop = l_1_c = missing
        if environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates'):
            pass
            yield '\n>\n> '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'dates_lead'))
            yield '\n>\n'
            for l_1_d in environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates'):
                _loop_vars = {}
                pass
                yield '> - '
                yield str(l_1_d)
                yield '\n'
            l_1_d = missing
        yield '\n\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'summary'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_summary'))
    yield '\n\n'
    l_1_loop = missing
    t_8 = 1
    for l_1_ask, l_1_loop in LoopContext((undefined(name='summary') if l_0_summary is missing else l_0_summary), undefined):
        _loop_vars = {}
        pass
        yield str(environment.getattr(l_1_loop, 'index'))
        yield '. **'
        yield str(environment.getattr(l_1_ask, 'title'))
        yield '**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'see_recommendation'))
        yield ' '
        yield str(t_1(context.eval_ctx, environment.getattr(l_1_ask, 'numbers'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n'
        t_8 = 0
    l_1_loop = l_1_ask = missing
    if t_8:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'no_asks'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'standing'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_standing'))
    yield '\n\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cloud_status'))
    yield ': '
    yield str(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_status'))
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_group'):
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cloud_group'))
        yield ': '
        yield str(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_group'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'known_group'))
    yield ': '
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'):
        pass
        yield '**'
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'name'))
        yield '**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n  - '
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'since'))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'planned'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'planned'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
        yield ': '
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'source'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'source_date'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group'), 'confidence')))
    else:
        pass
        yield str(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'known_group_none'))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cloud_plan'))
    yield ': '
    yield str(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'cloud_plan'))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'driving_body'))
    yield ': '
    yield str(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'driving_body'))
    yield '\n'
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'):
        pass
        yield '- '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost'))
        yield ': '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost_of_you'))
        yield ' **'
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'value'))
        yield '**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'ratio'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n  - '
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'band_average'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
            yield ' '
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band_average'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'slash'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_average'))
        yield ' '
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'national_average'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'basis'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if (not environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'band')):
            pass
            yield '\n  - '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'band_none'))
        yield '\n  - '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost_caveat'))
        yield ' '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
        yield ': '
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost'), 'source'))
        yield '\n'
    else:
        pass
        yield '- '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'it_cost'))
        yield ': '
        yield str(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'it_cost_missing'))
        yield '\n'
    if environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'):
        pass
        yield '- '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_as_of'), 'format'), date=environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'as_of')))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'status'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'status'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield ': '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_any_cloud'))
        yield ' '
        yield str((environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'any_cloud') or '—'))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'group_cloud'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_group_cloud'))
            yield ' '
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'group_cloud'))
        yield '\n  - '
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_target'))
            yield ': '
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_text'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'achieved'))
            yield ' '
            yield str((environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'achieved') or '—'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_source'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_confidence')))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        else:
            pass
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'target_none'))
        yield '\n  - '
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'definition'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'full_stop'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
        yield ': '
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'source'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'published'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        if environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'note'):
            pass
            yield ' '
            yield str(environment.getattr(environment.getattr((undefined(name='standing') if l_0_standing is missing else l_0_standing), 'national'), 'note'))
        yield '\n'
    else:
        pass
        yield '- '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national'))
        yield ': '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'national_none'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'recommendations'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_recommendations'))
    yield '\n\n'
    t_9 = 1
    for l_1_rec in (undefined(name='recommendations') if l_0_recommendations is missing else l_0_recommendations):
        _loop_vars = {}
        pass
        yield '### '
        yield str(environment.getattr(l_1_rec, 'n'))
        yield '. '
        yield str(environment.getattr(l_1_rec, 'title'))
        if (environment.getattr(l_1_rec, 'kind') != 'recommend'):
            pass
            yield '［'
            yield str(environment.getattr(l_1_rec, 'kind_label'))
            yield '］'
        if environment.getattr(l_1_rec, 'judgement'):
            pass
            yield '［'
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'judgement'))
            yield '］'
        yield '\n\n'
        yield str(environment.getattr(l_1_rec, 'text'))
        for l_2_n in environment.getattr(l_1_rec, 'notes'):
            _loop_vars = {}
            pass
            yield '[^'
            yield str(l_2_n)
            yield ']'
        l_2_n = missing
        yield '\n\n'
        t_9 = 0
    l_1_rec = missing
    if t_9:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'no_recommendations'))
        yield '\n\n'
    if t_2(context.eval_ctx, t_5(context, (undefined(name='recommendations') if l_0_recommendations is missing else l_0_recommendations), 'judgement')):
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'judgement_note'))
        yield '\n\n'
    for l_1_note in (undefined(name='footnotes') if l_0_footnotes is missing else l_0_footnotes):
        _loop_vars = {}
        pass
        yield '[^'
        yield str(environment.getattr(l_1_note, 'n'))
        yield ']: `'
        yield str(environment.getattr(l_1_note, 'rule'))
        yield '` — '
        yield str(environment.getattr(l_1_note, 'source'))
        if environment.getattr(l_1_note, 'date'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr(l_1_note, 'date'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield str(environment.getattr(l_1_note, 'hindsight'))
        yield ' ['
        yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(l_1_note, 'confidence'), _loop_vars=_loop_vars))
        yield ']\n'
    l_1_note = missing
    if (undefined(name='reference') if l_0_reference is missing else l_0_reference):
        pass
        yield '\n'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reference_in_appendix'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'grants'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_grants'))
    yield '\n\n'
    yield str(t_1(context.eval_ctx, t_4(context, [environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'correction_statement'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'grant_indicative')]), ' '))
    yield '\n'
    for l_1_note in environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'common_notes'):
        _loop_vars = {}
        pass
        yield '\n'
        yield str(l_1_note)
        yield '\n'
    l_1_note = missing
    yield '\n| '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'item'))
    yield ' | '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'eligibility'))
    yield ' | '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'base'))
    yield ' | '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rate'))
    yield ' | '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'correction'))
    yield ' | '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'amount'))
    yield ' | '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'caveats'))
    yield ' |\n|---|---|---:|---:|---|---:|---|\n'
    for l_1_row in environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'rows'):
        _loop_vars = {}
        pass
        yield '| '
        yield str(environment.getattr(l_1_row, 'item'))
        yield ' | '
        yield str(environment.getattr(l_1_row, 'eligible'))
        yield ' | '
        yield str(environment.getattr(l_1_row, 'base'))
        yield ' | '
        yield str(environment.getattr(l_1_row, 'rate'))
        if environment.getattr(l_1_row, 'rate_confidence'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr(l_1_row, 'rate_confidence'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield ' | '
        yield str(environment.getattr(l_1_row, 'correction'))
        yield ' | '
        yield str(environment.getattr(l_1_row, 'amount'))
        yield ' | '
        yield str(t_1(context.eval_ctx, environment.getattr(l_1_row, 'notes'), ' '))
        yield ' |\n'
    l_1_row = missing
    yield '| **'
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'total'))
    yield '** | | | | | **'
    yield str(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total'))
    yield '** | '
    yield str(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total_conditional'))
    yield str(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'total_note'))
    yield ' |\n\n'
    if environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'sources'):
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'grant_sources'))
        yield ': '
        yield str(environment.getattr((undefined(name='grants') if l_0_grants is missing else l_0_grants), 'sources'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'partners'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_partners'))
    yield '\n\n'
    if (not environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'available')):
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'partners_absent'))
        yield '\n'
    elif environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'list'):
        pass
        yield '| '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'partner'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'score'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reasons'))
        yield ' |\n|---|---:|---|\n'
        for l_1_p in environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'list'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_p, 'name'))
            yield ' | '
            yield str(environment.getattr(l_1_p, 'score'))
            yield ' | '
            yield str(t_1(context.eval_ctx, environment.getattr(l_1_p, 'reasons'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'list_sep')))
            yield ' |\n'
        l_1_p = missing
    else:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'partners_none'))
        yield '\n'
    yield '\n'
    if environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'census'):
        pass
        yield str(environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'census'))
        yield '\n\n'
    l_0_o = environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'options')
    context.vars['o'] = l_0_o
    context.exported_vars.add('o')
    if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'):
        pass
        yield '**'
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_stay'))
        yield '**: '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'name'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'population'))
        yield ' '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'population_total'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n\n'
        for l_1_reason in environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'stay'), 'reasons'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_reason)
            yield '\n'
        l_1_reason = missing
        yield '\n'
    elif environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'none_large'):
        pass
        yield '**'
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'options_none'))
        yield '**\n\n'
        for l_1_reason in environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'none_large'), 'reasons'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_reason)
            yield '\n'
        l_1_reason = missing
        yield '\n'
    elif (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join') and (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form_none'))):
        pass
        yield '| | '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_join'))
        yield ' | '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_form'))
        yield ' |\n|---|---|---|\n| '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'members'))
        yield ' | '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'name'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
        yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        yield ' | '
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'):
            pass
            yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        else:
            pass
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_none'))
        yield ' |\n| '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'population'))
        yield ' | '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'population_total'))
        yield ' | '
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'):
            pass
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'), 'population_total'))
        else:
            pass
            yield '—'
        yield ' |\n| '
        yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'reasons'))
        yield ' | '
        yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'join'), 'reasons'), environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'cell_sep')))
        yield ' | '
        yield str(t_1(context.eval_ctx, environment.getattr((environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form_none')), 'reasons'), environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'cell_sep')))
        yield ' |\n\n'
    elif (environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form_none')):
        pass
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'):
            pass
            yield '**'
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_form'))
            yield '**: '
            yield str(t_1(context.eval_ctx, environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'), 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'population'))
            yield ' '
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form'), 'population_total'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        else:
            pass
            yield '**'
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_form'))
            yield '**: '
            yield str(environment.getattr(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'labels'), 'option_none'))
        yield '\n\n'
        for l_1_reason in environment.getattr((environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form') or environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'form_none')), 'reasons'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(l_1_reason)
            yield '\n'
        l_1_reason = missing
        yield '\n'
        if environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'no_join'):
            pass
            yield str(environment.getattr((undefined(name='o') if l_0_o is missing else l_0_o), 'no_join'))
            yield '\n\n'
    l_0_w = environment.getattr((undefined(name='partners') if l_0_partners is missing else l_0_partners), 'what_if')
    context.vars['w'] = l_0_w
    context.exported_vars.add('w')
    if (undefined(name='w') if l_0_w is missing else l_0_w):
        pass
        yield '### '
        yield str(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'title'))
        yield '\n\n- '
        yield str(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'population'))
        if environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'band'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'band'))
        yield '\n- '
        yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'whatif_reading'))
        yield '\n'
        if environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'warning'):
            pass
            yield '- **'
            yield str(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'warning'))
            yield '**\n'
        yield '\n'
        if environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'changed'):
            pass
            yield '| '
            yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'changed_rules'))
            yield ' | '
            yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'before'))
            yield ' | '
            yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'after'))
            yield ' |\n|---|---|---|\n'
            for l_1_c in environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'changed'):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.getattr(l_1_c, 'title'))
                yield ' | '
                yield str(environment.getattr(l_1_c, 'before'))
                yield ' | '
                yield str(environment.getattr(l_1_c, 'after'))
                yield ' |\n'
            l_1_c = missing
            yield '\n'
        else:
            pass
            yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'no_changed_rules'))
            yield '\n'
        yield '\n| '
        yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'grants'))
        yield ' | '
        yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'before'))
        yield ' | '
        yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'after'))
        yield ' |\n|---|---|---|\n'
        for l_1_g in environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'grants'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_g, 'item'))
            yield ' | '
            yield str(environment.getattr(l_1_g, 'before'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr(l_1_g, 'amount_before'))
            yield ' | '
            yield str(environment.getattr(l_1_g, 'after'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr(l_1_g, 'amount_after'))
            yield ' |\n'
        l_1_g = missing
        yield '\n'
        if (not environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'grants_changed')):
            pass
            yield str(environment.getattr(environment.getattr((undefined(name='w') if l_0_w is missing else l_0_w), 'labels'), 'grants_unchanged'))
            yield '\n'
        yield '\n'
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'map_in_html'))
    yield '\n\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'cases'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_cases'))
    yield '\n\n'
    t_10 = 1
    for l_1_case in (undefined(name='cases') if l_0_cases is missing else l_0_cases):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.getattr(l_1_case, 'name'))
        yield '**'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr(l_1_case, 'prefecture'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        if environment.getattr(l_1_case, 'own'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'your_group'))
        elif environment.getattr(l_1_case, 'same_prefecture'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'same_prefecture'))
        else:
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'other_prefecture'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield ': '
        if environment.getattr(l_1_case, 'members'):
            pass
            yield str(t_1(context.eval_ctx, environment.getattr(l_1_case, 'members'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'member_sep')))
        else:
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'members_unlisted'))
        if environment.getattr(l_1_case, 'source'):
            pass
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'source'))
            yield ': '
            yield str(environment.getattr(l_1_case, 'source'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(environment.getattr(l_1_case, 'source_date'))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
            yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(l_1_case, 'confidence'), _loop_vars=_loop_vars))
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n'
        t_10 = 0
    l_1_case = missing
    if t_10:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'cases_none'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'roadmap'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_roadmap'))
    yield '\n\n'
    yield str(environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'anchor'))
    yield '\n\n'
    if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'past'):
        pass
        yield '**'
        yield str(environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'past'))
        yield '**\n\n'
    for l_1_line in environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'deadlines'):
        _loop_vars = {}
        pass
        yield '- '
        yield str(l_1_line)
        yield '\n'
    l_1_line = missing
    if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'deadlines'):
        pass
        yield '\n'
    if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'stages'):
        pass
        yield '| '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'stage'))
        yield ' | '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'period'))
        yield ' |\n|---|---|\n'
        for l_1_stage in environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'stages'):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.getattr(l_1_stage, 'number'))
            yield '. '
            yield str(environment.getattr(l_1_stage, 'name'))
            yield ' | '
            yield str(environment.getattr(l_1_stage, 'period'))
            yield ' |\n'
        l_1_stage = missing
        yield '\n'
        if environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'late'):
            pass
            yield '**'
            yield str(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'roadmap_late'), 'format'), stage=environment.getattr(environment.getitem(environment.getattr((undefined(name='roadmap') if l_0_roadmap is missing else l_0_roadmap), 'stages'), 0), 'name')))
            yield '**\n\n'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'roadmap_judgement'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'questions'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_questions'))
    yield '\n\n'
    l_1_loop = missing
    t_11 = 1
    for l_1_q, l_1_loop in LoopContext((undefined(name='questions') if l_0_questions is missing else l_0_questions), undefined):
        _loop_vars = {}
        pass
        yield str(environment.getattr(l_1_loop, 'index'))
        yield '. '
        yield str(environment.getattr(l_1_q, 'question'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'affects'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'colon'))
        yield str(environment.getattr(l_1_q, 'settles'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n'
        t_11 = 0
    l_1_loop = l_1_q = missing
    if t_11:
        pass
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'questions_none'))
        if (environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'conflicts') or environment.getattr((undefined(name='checks') if l_0_checks is missing else l_0_checks), 'dates')):
            pass
            yield ' '
            yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'questions_see_checks'))
        yield '\n'
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'reference'))
    if (undefined(name='reference') if l_0_reference is missing else l_0_reference):
        pass
        yield '## '
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_reference'))
        yield '\n\n'
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reference_intro'))
        yield '\n\n'
        for l_1_rec in (undefined(name='reference') if l_0_reference is missing else l_0_reference):
            _loop_vars = {}
            pass
            yield '### '
            yield str(environment.getattr(l_1_rec, 'n'))
            yield '. '
            yield str(environment.getattr(l_1_rec, 'title'))
            if (environment.getattr(l_1_rec, 'kind') != 'recommend'):
                pass
                yield '［'
                yield str(environment.getattr(l_1_rec, 'kind_label'))
                yield '］'
            if environment.getattr(l_1_rec, 'judgement'):
                pass
                yield '［'
                yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'judgement'))
                yield '］'
            yield '\n\n'
            yield str(environment.getattr(l_1_rec, 'text'))
            for l_2_n in environment.getattr(l_1_rec, 'notes'):
                _loop_vars = {}
                pass
                yield '[^'
                yield str(l_2_n)
                yield ']'
            l_2_n = missing
            yield '\n\n'
        l_1_rec = missing
    yield '\n'
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'section'), 'appendix'))
    yield '## '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sec_appendix'))
    yield '\n\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'audit_counts'))
    yield ': '
    yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'count_line'), environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'counts')))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'derived'))
    yield ': '
    yield str((t_1(context.eval_ctx, environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'derived_text'), environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'list_sep')) or environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'none')))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'tool'))
    yield ': '
    yield str(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'tool'))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'as_of'))
    yield ': '
    yield str(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'as_of_text'))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'ruleset_hash'))
    yield ': `'
    yield str(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'ruleset_sha256'))
    yield '`'
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
    yield str(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rule_count'), 'format'), n=environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'rules')))
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
    yield '\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'profile_hash'))
    yield ': `'
    yield str(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'profile_sha256'))
    yield '`\n- '
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'parameters'))
    yield ':\n'
    for l_1_p in environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'parameters'):
        _loop_vars = {}
        pass
        yield '  - '
        yield str(environment.getattr(l_1_p, 'label'))
        yield ': '
        yield str(environment.getattr(l_1_p, 'value'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'lp'))
        yield str(t_3(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'valid_from')))
        yield ' '
        yield str(environment.getattr(l_1_p, 'valid_from'))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'sep'))
        yield str(context.call(environment.getattr((undefined(name='common') if l_0_common is missing else l_0_common), 'confidence'), environment.getattr(l_1_p, 'confidence'), _loop_vars=_loop_vars))
        yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'rp'))
        yield '\n'
    l_1_p = missing
    yield '\n'
    yield str(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reproduce'))
    yield ': `'
    yield str(environment.getattr((undefined(name='appendix') if l_0_appendix is missing else l_0_appendix), 'command'))
    yield '`\n'

blocks = {}
debug_info = '1=69&2=71&3=73&5=77&9=79&10=88&11=108&12=126&13=130&14=134&15=138&17=142&18=143&19=146&20=148&22=151&24=154&25=158&28=175&30=178&32=180&33=184&38=188&39=190&41=194&42=197&44=211&46=214&47=216&49=218&50=229&51=240&52=256&53=258&54=262&55=266&56=269&57=279&58=294&59=297&61=299&63=308&65=312&66=315&67=334&68=352&70=368&72=373&73=375&75=378&76=382&78=396&81=409&84=411&87=415&88=419&90=434&91=437&93=440&94=442&96=444&97=446&98=450&100=454&102=468&103=472&105=493&107=500&109=507&110=509&112=511&113=513&114=515&115=518&117=524&118=528&121=537&123=540&126=544&127=547&128=550&130=561&131=565&133=569&134=572&136=574&137=578&139=582&140=585&142=589&143=602&144=613&146=619&147=621&148=624&150=635&153=639&154=643&156=647&160=651&161=654&162=657&164=659&165=665&166=667&168=673&169=676&171=682&172=686&175=696&177=699&179=705&180=709&182=721&185=726&187=728&188=730&190=733&191=737&193=775&195=778&196=780&198=782&200=784&203=789&204=793&205=796&207=799&208=802&210=806&211=810&213=818&216=823&218=826&219=828&221=832&222=835&224=848&226=855&227=856&228=859&230=861&232=863&233=867&235=881&239=892&240=894&242=896&243=900&244=904&245=908&246=912&247=920&248=924&249=926&251=943'

# Generated from templates/memo.md.j2 for the markdown memo by `python -m jichitai_cloud_advisor.engine.documents.precompiled`
# (Jinja2 3.1.6). Do not edit.
