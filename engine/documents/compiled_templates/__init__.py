"""The shipped memo templates compiled by Jinja2 (generated; see ../precompiled.py). Do not edit.

Regenerate after editing a shipped memo template: python -m jichitai_cloud_advisor.engine.documents.precompiled
"""

JINJA2_VERSION = '3.1.6'

# memo format → the environment settings the code was generated with
SETTINGS = {
    'markdown': "('PlainDataEnvironment', '{%', '%}', '{{', '}}', '{#', '#}', None, None, False, False, '\\n', True, False, True, False, [], False, 'StrictUndefined')",
    'html': "('PlainDataEnvironment', '{%', '%}', '{{', '}}', '{#', '#}', None, None, False, False, '\\n', True, True, True, False, [], False, 'StrictUndefined')",
}

# memo format → template name → (module, SHA-256 of the template's bytes)
TEMPLATES = {
    'markdown': {
        '_common.j2': ('markdown___common_j2', 'cb767b2ccfeddfcd5d09469bd56a65be9c9dd08f8c094765709aac0398fd23f7'),
        'memo.md.j2': ('markdown__memo_md_j2', '989d79f9b8c84bd3ad0fa2074092b69a9a748c0f512ade3067172036b328ed92'),
    },
    'html': {
        '_appendix.html.j2': ('html___appendix_html_j2', '3528142058962a60f3d3482989026c6c44e6a115eb0cad17cf0be4b23be06155'),
        '_body.html.j2': ('html___body_html_j2', '025767c7669240742dd757bb64372840dc62ff3e53694fff73dc48200e87811a'),
        '_common.j2': ('html___common_j2', 'cb767b2ccfeddfcd5d09469bd56a65be9c9dd08f8c094765709aac0398fd23f7'),
        '_header.html.j2': ('html___header_html_j2', '4f55ec8e1115cca0e3ce5d1da5a18a5c8cdbd14db8c7ffce51ad7fc70de931b6'),
        'memo.html.j2': ('html__memo_html_j2', 'fb0462d52f41720218059c67837c994f537fd929feb635b3b8e0ef089b307942'),
    },
}
