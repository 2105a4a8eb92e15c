from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_common.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_section = l_0_rule_ids = l_0_confidence = l_0_count_line = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    def macro(l_1_name):
        t_2 = []
        l_1_section_comments = resolve('section_comments')
        if l_1_name is missing:
            l_1_name = undefined("parameter 'name' was not provided", name='name')
        pass
        if (undefined(name='section_comments') if l_1_section_comments is missing else l_1_section_comments):
            pass
            t_2.extend((
                '<!-- section: ',
                str(l_1_name),
                ' -->\n',
            ))
        return concat(t_2)
    context.exported_vars.add('section')
    context.vars['section'] = l_0_section = Macro(environment, macro, 'section', ('name',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_rules):
        t_3 = []
        if l_1_rules is missing:
            l_1_rules = undefined("parameter 'rules' was not provided", name='rules')
        pass
        t_3.append(
            str(t_1(context.eval_ctx, l_1_rules, ', ')),
        )
        return concat(t_3)
    context.exported_vars.add('rule_ids')
    context.vars['rule_ids'] = l_0_rule_ids = Macro(environment, macro, 'rule_ids', ('rules',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_c):
        t_4 = []
        l_1_t = resolve('t')
        if l_1_c is missing:
            l_1_c = undefined("parameter 'c' was not provided", name='c')
        pass
        t_4.extend((
            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'confidence')),
            ' ',
            str(l_1_c),
        ))
        return concat(t_4)
    context.exported_vars.add('confidence')
    context.vars['confidence'] = l_0_confidence = Macro(environment, macro, 'confidence', ('c',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_counts):
        t_5 = []
        l_1_t = resolve('t')
        if l_1_counts is missing:
            l_1_counts = undefined("parameter 'counts' was not provided", name='counts')
        pass
        t_5.extend((
            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'fired')),
            ' ',
            str(environment.getattr(l_1_counts, 'fired')),
            ' / ',
            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'not_fired')),
            ' ',
            str(environment.getattr(l_1_counts, 'not_fired')),
            ' / ',
            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'undetermined')),
            ' ',
            str(environment.getattr(l_1_counts, 'undetermined')),
            ' / ',
            str(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'inactive')),
            ' ',
            str(environment.getattr(l_1_counts, 'inactive')),
        ))
        return concat(t_5)
    context.exported_vars.add('count_line')
    context.vars['count_line'] = l_0_count_line = Macro(environment, macro, 'count_line', ('counts',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=18&4=34&5=45&6=59&7=66'

# Generated from templates/_common.j2 for the markdown memo by `python -m jichitai_cloud_advisor.engine.documents.precompiled`
# (Jinja2 3.1.6). Do not edit.
