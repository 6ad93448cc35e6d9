import { Button, Card, Col, Descriptions, List, Row, Space, Tag, Tree } from 'antd';
import { CalendarOutlined, NotificationOutlined, PhoneOutlined } from '@ant-design/icons';
import type { DataNode, EventDataNode } from 'antd/es/tree/index.js';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { regionPrefix } from '../../../common/regions.js';
import { api } from '../api/client.js';
import type { RegionChild, RegionDetail, Unit } from '../api/types.js';
import { EmptyState, ErrorState, Loading } from '../components/states.js';
import { ZHUZHOU } from '../components/RegionPicker.js';
import { levelLabel } from '../lib/labels.js';
import { useLoad } from '../lib/useLoad.js';
import { ConsolePage } from './ConsolePage.js';

interface RegionNode extends DataNode {
  key: string;
  children?: RegionNode[];
}

function toNode(child: RegionChild): RegionNode {
  return {
    key: child.code,
    title: (
      <span>
        {child.name} {child.kind ? <span className="lx-muted">· {child.kind}</span> : null}
      </span>
    ),
    isLeaf: child.childCount === 0,
  };
}

function attach(nodes: RegionNode[], key: string, children: RegionNode[]): RegionNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children } : n.children ? { ...n, children: attach(n.children, key, children) } : n));
}

function RegionDetailPanel({ code }: { code: string }) {
  const { t } = useTranslation();
  const region = useLoad((signal) => api.get<RegionDetail>(`/regions/${code}`, undefined, { signal }), [code]);
  const units = useLoad(
    (signal) => api.get<{ items: Unit[] }>('/units', { regionPrefix: regionPrefix(code), pageSize: 100 }, { signal }),
    [code],
  );
  const here = (units.data?.items ?? []).filter((u) => u.regionCode === code);
  if (region.loading && !region.data) return <Loading />;
  if (region.error) return <ErrorState error={region.error} onRetry={region.reload} />;
  const r = region.data!;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="region-detail">
      <Card title={r.name}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('region.code')}>{r.code}</Descriptions.Item>
          <Descriptions.Item label={t('region.levelLabel')}>
            {levelLabel(t, r.level)}
            {r.kind ? ` · ${r.kind}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('region.path')}>{(r.path ?? []).map((p) => p.name).join(' / ')}</Descriptions.Item>
          <Descriptions.Item label={t('region.childCount')}>{r.children.length}</Descriptions.Item>
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          <Link to={`/console/feeds/${r.code}`}>
            <Button icon={<NotificationOutlined />}>{t('region.openFeed')}</Button>
          </Link>
          <Link to={`/console/duty?region=${r.code}`}>
            <Button icon={<CalendarOutlined />}>{t('region.openDuty')}</Button>
          </Link>
        </Space>
      </Card>
      <Card title={t('region.units')}>
        {units.loading && !units.data ? <Loading rows={2} /> : null}
        {units.error ? <ErrorState error={units.error} onRetry={units.reload} /> : null}
        {units.data ? (
          here.length === 0 ? (
            <EmptyState title={t('region.noUnits')} hint={t('region.noUnitsHint')} />
          ) : (
            <List
              dataSource={here}
              renderItem={(u) => (
                <List.Item data-testid="unit-item">
                  <List.Item.Meta
                    title={
                      <span>
                        {u.name} <Tag>{u.kind === 'department' ? (u.departmentType ?? t('region.department')) : t('region.regionUnit')}</Tag>
                      </span>
                    }
                    description={
                      u.phone ? (
                        <span>
                          <PhoneOutlined aria-hidden /> {u.phone}
                        </span>
                      ) : null
                    }
                  />
                </List.Item>
              )}
            />
          )
        ) : null}
      </Card>
    </Space>
  );
}

/** 区划: the region tree of Zhuzhou, loaded level by level, with each region's units. */
export default function RegionsPage() {
  const { t } = useTranslation();
  const [tree, setTree] = useState<RegionNode[]>([]);
  const [selected, setSelected] = useState<string>(ZHUZHOU);
  const root = useLoad((signal) => api.get<RegionDetail>(`/regions/${ZHUZHOU}`, undefined, { signal }), []);

  useEffect(() => {
    if (root.data) {
      setTree([{ key: root.data.code, title: root.data.name, children: root.data.children.map(toNode) }]);
    }
  }, [root.data]);

  const loadData = useCallback(async (node: EventDataNode<RegionNode>) => {
    if (node.children && node.children.length) return;
    const detail = await api.get<RegionDetail>(`/regions/${String(node.key)}`);
    setTree((prev) => attach(prev, String(node.key), detail.children.map(toNode)));
  }, []);

  return (
    <ConsolePage title={t('console.nav.regions')} description={t('region.pageHint')} testId="page-regions">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={9}>
          <Card title={t('region.tree')} className="lx-tree-card">
            {root.loading && !root.data ? <Loading /> : null}
            {root.error ? <ErrorState error={root.error} onRetry={root.reload} /> : null}
            {tree.length ? (
              <Tree<RegionNode>
                treeData={tree}
                loadData={loadData}
                defaultExpandedKeys={[ZHUZHOU]}
                selectedKeys={[selected]}
                onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                data-testid="region-tree"
                showLine
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={15}>
          <RegionDetailPanel code={selected} />
        </Col>
      </Row>
    </ConsolePage>
  );
}
