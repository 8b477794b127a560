"""`shopdesk customer …`: the clerk adds and edits customers from the command line; the accountant only reads."""

from __future__ import annotations

import json

from shopdesk.cli import main
from shopdesk.domain.permissions import Role
from shopdesk.services.users import Users


def run(url: str, capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    code = main(["--db", url, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clerk_adds_lists_shows_and_edits_a_customer(db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        db_url,
        capsys,
        "customer",
        "add",
        "王五",
        "--phone",
        "13700001234",
        "--address",
        "广东省 深圳市 南山区 科技园路1号 518000",
        "--channel",
        "wechat",
        "--note",
        "老客户",
        "--json",
    )
    assert code == 0, err
    added = json.loads(out)
    cid = added["id"]
    assert added["phones"] == ["13700001234"] and added["notes"] == "老客户" and added["channel"] == "wechat"
    assert added["addresses"] == ["广东省 深圳市 南山区 科技园路1号 518000"]

    code, out, _ = run(db_url, capsys, "customer", "list", "--search", "王五")
    assert code == 0 and "王五" in out and "137****1234" in out and "13700001234" not in out
    code, out, _ = run(db_url, capsys, "customer", "list", "--segment", "none", "--json")
    assert [r["id"] for r in json.loads(out)] == [cid]

    code, out, err = run(
        db_url,
        capsys,
        "customer",
        "edit",
        str(cid),
        "--name",
        "王小五",
        "--add-phone",
        "13911112222",
        "--add-address",
        "广东省 深圳市 福田区 深南大道2000号",
        "--default-address",
        "2",
        "--channel",
        "taobao",
    )
    assert (code, out) == (0, f"Saved customer #{cid} 王小五\n"), err
    code, out, _ = run(db_url, capsys, "customer", "show", str(cid))
    assert code == 0
    assert "王小五  (taobao)" in out and "13700001234" in out and "13911112222" in out
    assert "address 2  广东省 深圳市 福田区 深南大道2000号" in out

    code, out, err = run(db_url, capsys, "customer", "edit", str(cid), "--remove-address", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["addresses"] == ["广东省 深圳市 福田区 深南大道2000号"]


def test_every_problem_goes_to_stderr_with_exit_1(db_url, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(db_url, capsys, "customer", "add", " ", "--phone", "n/a", "--address", "深圳 科技园")
    assert code == 1 and out == ""
    assert "--address 1" in err
    code, out, err = run(db_url, capsys, "customer", "add", " ", "--phone", "n/a")
    assert code == 1 and "name" in err and "phone 1" in err
    code, _, err = run(db_url, capsys, "customer", "show", "999")
    assert code == 1 and "No customer with id 999" in err
    code, _, err = run(db_url, capsys, "customer", "list", "--segment", "gold")
    assert code == 1 and "segment" in err


def test_the_accountant_sees_phones_masked_and_cannot_edit(shop, db_url, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("SHOPDESK_USER", raising=False)
    code, out, _ = run(db_url, capsys, "customer", "add", "王五", "--phone", "13700001234", "--json")
    cid = json.loads(out)["id"]
    users = Users(shop)
    users.add("王店长", Role.OWNER, "9876")
    users.add("会计", Role.ACCOUNTANT, "5555")
    monkeypatch.setenv("SHOPDESK_PIN", "5555")

    code, out, _ = run(db_url, capsys, "customer", "show", str(cid), "--login", "会计")
    assert code == 0 and "137****1234" in out and "13700001234" not in out
    code, _, err = run(db_url, capsys, "customer", "edit", str(cid), "--name", "改名", "--login", "会计")
    assert code == 1 and "may not" in err
    monkeypatch.setenv("SHOPDESK_PIN", "9876")
    code, out, _ = run(db_url, capsys, "customer", "show", str(cid), "--login", "王店长", "--json")
    assert json.loads(out)["name"] == "王五" and json.loads(out)["phones"] == ["13700001234"]
