"""自治体クラウド導入アドバイザー — rule-based advice for municipal cloud policy.

The repository root is this package (see setup.cfg): ``engine`` holds the code,
``rules``, ``knowledge`` and ``templates`` the data it reads from the installed package.
"""

__version__ = "0.1.0"
