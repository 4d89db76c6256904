"""The OCIL 2.0 questionnaires of Palisade's Docker STIG content: the questions a reviewer answers for the rules (or
halves of rules) that the host cannot answer, written once in each rule's source and expanded by compose.py.

A rule's OCIL check (system http://scap.nist.gov/schema/ocil/2) holds one shorthand element (namespace
urn:x-palisade:compose) before its check-content, the text a reviewer reads:

  <c:question type="boolean">                       a yes/no question: yes passes, no is a finding
    <c:text>Is ... ?</c:text>                       (finding-when="true" turns it round: yes is a finding)
  </c:question>

  <c:question type="choice">                        one answer among several, each with the result it gives
    <c:text>Which ... ?</c:text>                    (PASS, FAIL or NOT_APPLICABLE)
    <c:choice result="PASS">...</c:choice>
    <c:choice result="FAIL">...</c:choice>
  </c:question>

Each becomes a questionnaire (titled with the rule's title, or the question's title attribute), its test action and
its question in the OCIL component, all numbered with the STIG's group number (ocil:dev.palisade.docker:questionnaire:
235775); the shorthand becomes the check's check-content-ref to the questionnaire. Every test action also maps a
not-applicable answer to NOT_APPLICABLE. Without an answer OCIL rules are not checked, in oscap as in Palisade;
`palisade review` records answers and writes them as OCIL results, which `--ocil-results` reads.
"""

import xml.etree.ElementTree as ET

NAMESPACE = "http://scap.nist.gov/schema/ocil/2.0"
CHECK_SYSTEM = "http://scap.nist.gov/schema/ocil/2"
FILE = "docker-stig-ocil.xml"
ID_NAMESPACE = "dev.palisade.docker"
RESULTS = ("PASS", "FAIL", "NOT_APPLICABLE")

XCCDF = "http://checklists.nist.gov/xccdf/1.2"
COMPOSE = "urn:x-palisade:compose"


def o(name):
    return "{%s}%s" % (NAMESPACE, name)


def x(name):
    return "{%s}%s" % (XCCDF, name)


def c(name):
    return "{%s}%s" % (COMPOSE, name)


def identifier(kind, number):
    return f"ocil:{ID_NAMESPACE}:{kind}:{number}"


def text_of(element):
    return " ".join((element.text or "").split())


def result_element(parent, name, result):
    holder = ET.SubElement(parent, o(name))
    ET.SubElement(holder, o("result")).text = result


class Questionnaires:
    """The questionnaires, test actions and questions gathered from the rules, in the rules' order."""

    def __init__(self):
        self.questionnaires = []
        self.test_actions = []
        self.questions = []

    def expand(self, group, number):
        """Replaces each c:question of the group's rules by a check-content-ref to its questionnaire.
        Raises ValueError when a question is malformed or stands outside an OCIL check, or an OCIL check has none."""
        for rule in group.iter(x("Rule")):
            for check in rule.iter(x("check")):
                shorthands = check.findall(c("question"))
                is_ocil = check.get("system") == CHECK_SYSTEM
                if not is_ocil and shorthands:
                    raise ValueError(f"c:question stands in a check of system {check.get('system')}, not OCIL")
                if check.get("system") not in (CHECK_SYSTEM, "http://oval.mitre.org/XMLSchema/oval-definitions-5"):
                    raise ValueError(f"check system {check.get('system')}: a rule's checks are OVAL or OCIL")
                if not is_ocil:
                    continue
                if len(shorthands) != 1:
                    raise ValueError("an OCIL check holds exactly one c:question")
                if check.find(x("check-content")) is None:
                    raise ValueError("an OCIL check keeps its check-content: the text the reviewer reads")
                shorthand = shorthands[0]
                title = shorthand.get("title") or text_of(rule.find(x("title")))
                self.add(shorthand, number, title)
                index = list(check).index(shorthand)
                check.remove(shorthand)
                reference = ET.Element(x("check-content-ref"), {
                    "href": FILE, "name": identifier("questionnaire", number)})
                reference.tail = shorthand.tail
                check.insert(index, reference)

    def add(self, shorthand, number, title):
        question_text = shorthand.find(c("text"))
        if question_text is None or not text_of(question_text):
            raise ValueError("c:question needs a c:text")
        kind = shorthand.get("type")
        questionnaire = ET.Element(o("questionnaire"), {"id": identifier("questionnaire", number)})
        ET.SubElement(questionnaire, o("title")).text = title
        actions = ET.SubElement(questionnaire, o("actions"))
        ET.SubElement(actions, o("test_action_ref")).text = identifier("testaction", number)
        attributes = {"id": identifier("testaction", number), "question_ref": identifier("question", number)}
        if kind == "boolean":
            finding_when = shorthand.get("finding-when", "false")
            if finding_when not in ("true", "false"):
                raise ValueError("c:question's finding-when is true or false")
            action = ET.Element(o("boolean_question_test_action"), attributes)
            result_element(action, "when_not_applicable", "NOT_APPLICABLE")
            result_element(action, "when_true", "FAIL" if finding_when == "true" else "PASS")
            result_element(action, "when_false", "PASS" if finding_when == "true" else "FAIL")
            question = ET.Element(o("boolean_question"), {"id": identifier("question", number), "model": "MODEL_YES_NO"})
            ET.SubElement(question, o("question_text")).text = text_of(question_text)
        elif kind == "choice":
            choices = shorthand.findall(c("choice"))
            if len(choices) < 2:
                raise ValueError("a choice question offers at least two c:choice")
            action = ET.Element(o("choice_question_test_action"), attributes)
            result_element(action, "when_not_applicable", "NOT_APPLICABLE")
            question = ET.Element(o("choice_question"), {"id": identifier("question", number)})
            ET.SubElement(question, o("question_text")).text = text_of(question_text)
            by_result = {}
            for index, choice in enumerate(choices, start=1):
                result = choice.get("result")
                if result not in RESULTS:
                    raise ValueError(f"c:choice's result is one of {', '.join(RESULTS)}, not {result}")
                choice_id = identifier("choice", number * 100 + index)
                ET.SubElement(question, o("choice"), {"id": choice_id}).text = text_of(choice)
                by_result.setdefault(result, []).append(choice_id)
            if "PASS" not in by_result or "FAIL" not in by_result:
                raise ValueError("a choice question needs a choice that passes and one that is a finding")
            for result in RESULTS:
                if result not in by_result:
                    continue
                condition = ET.SubElement(action, o("when_choice"))
                ET.SubElement(condition, o("result")).text = result
                for choice_id in by_result[result]:
                    ET.SubElement(condition, o("choice_ref")).text = choice_id
        else:
            raise ValueError(f"c:question's type is boolean or choice, not {kind}")
        self.questionnaires.append(questionnaire)
        self.test_actions.append(action)
        self.questions.append(question)

    def document(self, timestamp, comment):
        root = ET.Element(o("ocil"))
        generator = ET.SubElement(root, o("generator"))
        ET.SubElement(generator, o("product_name")).text = "Palisade content"
        ET.SubElement(generator, o("schema_version")).text = "2.0"
        ET.SubElement(generator, o("timestamp")).text = timestamp
        ET.SubElement(root, o("questionnaires")).extend(self.questionnaires)
        ET.SubElement(root, o("test_actions")).extend(self.test_actions)
        ET.SubElement(root, o("questions")).extend(self.questions)
        root.insert(0, ET.Comment(" " + comment + " "))
        return root
