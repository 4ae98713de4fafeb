"""`make test` passes whatever service settings the user has exported as the README suggests."""

import os
import subprocess
import sys

from shared.settings import PROJECT_ROOT

EXPORTED = {
    "DEMO_CLIENT_ID": "mijn-demo",
    "DEMO_CLIENT_SECRET": "mijn-geheim",
    "ZGW_ENVIRONMENT": "production",
    "ZGW_DEMO_ENABLED": "true",
    "ZGW_AUTORISATIES_API_URL": "http://127.0.0.1:9/autorisaties/api/v1",
    "ZAKEN_DATABASE_URL": "sqlite:////nonexistent/zaken.db",
    "CATALOGI_SELECTIELIJST_VALIDATION": "false",
}


def test_exported_service_settings_do_not_reach_the_tests():
    """A test that reads the demo secret's default, run with the README's variables exported."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/kernel/test_auth.py", "-k", "demo_secret"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **EXPORTED},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # 0: collected and passed (5 would be: none collected)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
