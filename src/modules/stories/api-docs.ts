/** The OpenAPI 3.1 description of /api/v1/stories (ADR 0061). */
import { dateTime, idParameter, ifNoneMatch, nullableText, openApiPath, pageSchema, pagingParameters, readOperation, recordLinks, uuid } from '../../platform/http/api-docs.ts'
import { paths } from '../../paths.ts'
import { SERVICE_CATEGORY_CODES } from '../providers/service-categories.ts'

const rating = { type: ['integer', 'null'], minimum: 1, maximum: 5, description: '1 (very poor) to 5 (very good); null when the author did not rate it' }

const storyProperties = {
  id: uuid,
  title: { type: 'string', description: 'As published (after any redaction by a moderator)' },
  body: { type: 'string' },
  provider: {
    type: ['object', 'null'],
    required: ['providerId', 'name', 'links'],
    properties: { providerId: uuid, name: { type: 'string' }, links: { type: 'object' } },
    description: 'The provider chosen from the register; null when the author described the service in words',
  },
  serviceDescription: nullableText,
  serviceCategory: { type: ['string', 'null'], enum: [...SERVICE_CATEGORY_CODES, null] },
  ward: nullableText,
  ratings: {
    type: 'object',
    required: ['listened', 'information', 'dignity', 'overall'],
    properties: { listened: rating, information: rating, dignity: rating, overall: rating },
  },
  publishedAt: { type: ['string', 'null'], format: 'date-time' },
  inProviderWindow: { type: 'boolean', description: 'Accepted by a moderator but not public yet: the provider reads it first' },
  responses: {
    type: 'array',
    description: 'The providers’ public answers, oldest first',
    items: { type: 'object', required: ['id', 'providerId', 'signedAs', 'body', 'createdAt'], properties: { id: uuid, providerId: uuid, signedAs: { type: 'string' }, body: { type: 'string' }, createdAt: dateTime } },
  },
  updatedAt: dateTime,
  links: recordLinks,
}

export const storiesOpenApi = {
  paths: {
    [openApiPath(paths.api.stories.pattern)]: {
      get: readOperation({
        operationId: 'listStories',
        summary: 'List the stories residents told about your council’s services, as the council’s stories page shows them',
        tag: 'stories',
        module: 'stories',
        schema: 'StoryPage',
        invalid: 'A query parameter is not valid',
        parameters: [
          { name: 'ward', in: 'query', schema: { type: 'string' }, description: 'The ward as the author gave it.' },
          { name: 'provider', in: 'query', schema: uuid, description: 'The provider’s id.' },
          { name: 'serviceCategory', in: 'query', schema: { type: 'string', enum: SERVICE_CATEGORY_CODES } },
          ...pagingParameters,
        ],
      }),
    },
    [openApiPath(paths.api.story.pattern)]: {
      get: readOperation({ operationId: 'getStory', summary: 'Read one story with its answers', tag: 'stories', module: 'stories', schema: 'Story', parameters: [idParameter, ifNoneMatch], notFound: 'No such published story in your council' }),
    },
  },
  components: {
    schemas: {
      Story: { type: 'object', required: Object.keys(storyProperties), properties: storyProperties, additionalProperties: false },
      StoryPage: pageSchema('Story'),
    },
  },
} as const
