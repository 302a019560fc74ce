/**
 * The DefaultIngressClass admission plugin (plugin/pkg/admission/network/defaultingressclass/admission.go, `Admit`
 * for ingresses on create): an Ingress without `spec.ingressClassName` and without the deprecated
 * `kubernetes.io/ingress.class` annotation gets the default IngressClass's name (annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"`); without a default it keeps none.
 */
import type { Ingress, IngressClass } from 'kubernetes-types/networking/v1';
import type { AdmissionPlugin } from './admission';
import { newestDefaultClass } from './default-class';

export const defaultIngressClass: AdmissionPlugin = {
  name: 'DefaultIngressClass',
  admit(request, context) {
    if (request.operation !== 'CREATE' || request.object.kind !== 'Ingress') return undefined;
    const ingress = request.object as Ingress;
    if (ingress.spec?.ingressClassName !== undefined || ingress.metadata?.annotations?.['kubernetes.io/ingress.class'] !== undefined) return undefined;
    const chosen = newestDefaultClass(context.store.list<IngressClass>('IngressClass'), (annotations) => annotations['ingressclass.kubernetes.io/is-default-class'] === 'true');
    if (chosen) ingress.spec = { ...ingress.spec, ingressClassName: chosen.metadata.name };
    return undefined;
  },
};
