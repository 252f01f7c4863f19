#!/usr/bin/env python3
"""Rewrite the diagram (DI) of a BPMN file from a grid placement of its flow nodes.

Usage: layout.py FILE.bpmn 'id=col,row id=col,row ...'

Nodes not placed keep the position their shape has in the file.

Every flow node of the (single) process must be placed or already have a shape; boundary events are placed on their
host's lower edge. Sequence flows are routed orthogonally between the shapes. The process
section is left as it is; only <bpmndi:BPMNDiagram> is replaced. A development tool: the
diagrams stay editable in Camunda Modeler afterwards.
"""
import re
import sys
import xml.etree.ElementTree as ET

NS = {'bpmn': 'http://www.omg.org/spec/BPMN/20100524/MODEL'}
COL, ROW, X0, Y0 = 160, 140, 160, 80
SIZES = {'startEvent': (36, 36), 'endEvent': (36, 36), 'intermediateCatchEvent': (36, 36),
         'intermediateThrowEvent': (36, 36), 'boundaryEvent': (36, 36), 'exclusiveGateway': (50, 50),
         'parallelGateway': (50, 50), 'eventBasedGateway': (50, 50), 'inclusiveGateway': (50, 50)}


def main():
    path, spec = sys.argv[1], sys.argv[2]
    place = {}
    for item in spec.split():
        k, v = item.split('=')
        c, r = v.split(',')
        place[k] = (float(c), float(r))
    text = open(path, encoding='utf-8').read()
    root = ET.fromstring(text.encode('utf-8'))
    proc = root.find('bpmn:process', NS)
    nodes, flows, boundaries = {}, [], []
    for el in proc:
        tag = el.tag.split('}')[1]
        if tag in ('sequenceFlow',):
            flows.append((el.get('id'), el.get('sourceRef'), el.get('targetRef')))
        elif tag == 'boundaryEvent':
            boundaries.append((el.get('id'), el.get('attachedToRef')))
        elif tag not in ('documentation', 'extensionElements', 'textAnnotation', 'association'):
            nodes[el.get('id')] = tag
    kept = {m.group(1): tuple(float(v) for v in m.groups()[1:]) for m in re.finditer(
        r'bpmnElement="([^"]+)"[^>]*>\s*<dc:Bounds x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', text)}
    missing = [n for n in nodes if n not in place and n not in kept]
    if missing:
        sys.exit('not placed: ' + ', '.join(missing))
    bounds = {}
    for n, tag in nodes.items():
        if n not in place:
            bounds[n] = kept[n]
            continue
        w, h = SIZES.get(tag, (100, 80))
        c, r = place[n]
        cx, cy = X0 + c * COL + 50, Y0 + r * ROW + 40
        bounds[n] = (cx - w / 2, cy - h / 2, w, h)
    for b, host in boundaries:
        hx, hy, hw, hh = bounds[host]
        bounds[b] = (hx + hw - 36 - 8, hy + hh - 18, 36, 36)
    out = ['  <bpmndi:BPMNDiagram id="%s_di">' % proc.get('id'),
           '    <bpmndi:BPMNPlane id="%s_plane" bpmnElement="%s">' % (proc.get('id'), proc.get('id'))]
    for n, (x, y, w, h) in bounds.items():
        extra = ' isMarkerVisible="true"' if nodes.get(n) == 'exclusiveGateway' else ''
        out.append('      <bpmndi:BPMNShape id="%s_di" bpmnElement="%s"%s>' % (n, n, extra))
        out.append('        <dc:Bounds x="%d" y="%d" width="%d" height="%d" />' % (x, y, w, h))
        out.append('      </bpmndi:BPMNShape>')
    for f, s, t in flows:
        out.append('      <bpmndi:BPMNEdge id="%s_di" bpmnElement="%s">' % (f, f))
        for (x, y) in route(bounds[s], bounds[t], s in dict(boundaries)):
            out.append('        <di:waypoint x="%d" y="%d" />' % (x, y))
        out.append('      </bpmndi:BPMNEdge>')
    out.append('    </bpmndi:BPMNPlane>')
    out.append('  </bpmndi:BPMNDiagram>')
    new = re.sub(r'  <bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>', '\n'.join(out), text, flags=re.S)
    open(path, 'w', encoding='utf-8').write(new)


def route(a, b, from_boundary):
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    acx, acy, bcx, bcy = ax + aw / 2, ay + ah / 2, bx + bw / 2, by + bh / 2
    if from_boundary:
        return [(acx, ay + ah), (acx, bcy), (bx if bx > acx else bx + bw, bcy)]
    if abs(acy - bcy) < 1:
        if bx >= ax + aw:
            return [(ax + aw, acy), (bx, bcy)]
        # backwards on one row: loop over the top
        top = min(ay, by) - 40
        return [(acx, ay), (acx, top), (bcx, top), (bcx, by)]
    if bx >= ax + aw:
        if aw == 50:
            # a gateway fanning out: leave by its top or bottom, then right into the target's side
            return [(acx, ay + ah if bcy > acy else ay), (acx, bcy), (bx, bcy)]
        # forward to another row: leave right, then down/up into the target's side or top
        if bcy > acy:
            return [(ax + aw, acy), (bcx, acy), (bcx, by)]
        return [(ax + aw, acy), (bcx, acy), (bcx, by + bh)]
    # backwards to another row
    if bcy < acy:
        return [(acx, ay), (acx, bcy), (bx + bw, bcy)]
    return [(acx, ay + ah), (acx, bcy), (bx + bw, bcy)]


if __name__ == '__main__':
    main()
