/** The rules of the smaller kinds of the core, coordination, discovery and storage groups, in one list. */
import { leaseSpecRule } from './coordination';
import { endpointSliceRule, endpointsRule } from './endpoints';
import type { ObjectRule } from './rule';
import { volumeAttachmentRule, volumeAttributesClassRule } from './storage-attachments';

export const CLUSTER_OBJECT_RULES: readonly ObjectRule[] = [endpointsRule, endpointSliceRule, leaseSpecRule, volumeAttachmentRule, volumeAttributesClassRule];
